using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Brands;

/// <summary>A brand as the hub keeps it. VTEX uses the ERP code as the brand id.</summary>
public sealed record HubBrand(int Code, string Name, bool Active);

/// <summary>ERP brand → hub → VTEX, as pure functions; refusals worded for a support analyst.</summary>
public static class BrandMapping
{

    public static ErpRecordMapping Map(ErpBrand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var key = TextRules.Key(brand.Code);
        if (brand.Code <= 0)
        {
            return ErpRecordMapping.Refused(key, $"Código de marca inválido: {brand.Code}.");
        }

        if (string.IsNullOrWhiteSpace(VtexNames.Clean(brand.Name)))
        {
            return ErpRecordMapping.Refused(key, $"Marca {brand.Code} sem nome no ERP.");
        }

        // No length check here: VTEX refuses an over-long brand name itself, and that refusal is remembered (02).
        if (TextRules.CheckName(brand.Name, $"Marca {key}: o nome", int.MaxValue) is { } problem)
        {
            return ErpRecordMapping.Refused(key, problem);
        }

        var content = new HubBrand(brand.Code, brand.Name, brand.IsActive);
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.Brand, new HubItem(key, null, content, brand.MaxChangeFilterDate.UtcDateTime)));
    }

    /// <summary>The VTEX body for a hub brand: every field, because PUT replaces the whole brand.</summary>
    public static VtexBrand ToVtex(HubBrand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var name = VtexNames.Clean(brand.Name); // trimmed too: a trailing space makes VTEX see a different brand
        return new VtexBrand
        {
            Id = brand.Code,
            Name = name,
            Text = name,
            Keywords = name,
            SiteTitle = name,
            Active = brand.Active,
            MenuHome = brand.Active,
        };
    }
}
