using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Categories;

/// <summary>A category as the hub keeps it. VTEX uses the ERP code as the category id.</summary>
public sealed record HubCategory(int Code, string Name, int? ParentCode, bool Active);

/// <summary>ERP category → hub → VTEX, as pure functions.</summary>
public static class CategoryMapping
{
    public const int MaxNameLength = 150;

    public static ErpRecordMapping Map(ErpCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var key = TextRules.Key(category.Code);
        if (category.Code <= 0)
        {
            return ErpRecordMapping.Refused(key, $"Código de categoria inválido: {key}.");
        }

        if (category.ParentCode == category.Code)
        {
            return ErpRecordMapping.Refused(key, $"Categoria {key} é pai de si mesma no ERP.");
        }

        if (TextRules.CheckName(category.Name, $"Categoria {key}: o nome", MaxNameLength) is { } problem)
        {
            return ErpRecordMapping.Refused(key, problem);
        }

        var content = new HubCategory(category.Code, category.Name!.Trim(), category.ParentCode, category.IsActive);
        var parent = category.ParentCode is { } p ? TextRules.Key(p) : null;
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.Category, new HubItem(key, parent, content, category.MaxChangeFilterDate.UtcDateTime)));
    }

    /// <summary>Every field (VTEX lists nearly all as required; PUT replaces the whole category).</summary>
    public static VtexCategory ToVtex(HubCategory category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var name = VtexNames.Clean(category.Name);
        return new VtexCategory
        {
            Id = category.Code,
            Name = name,
            Title = name,
            Description = name,
            Keywords = name,
            FatherCategoryId = category.ParentCode,
            IsActive = category.Active,
            ShowInStoreFront = category.Active,
            ActiveStoreFrontLink = category.Active,
            ShowBrandFilter = true,
            StockKeepingUnitSelectionMode = "SPECIFICATION",
        };
    }
}
