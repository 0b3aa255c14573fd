using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Products;

/// <summary>A product (ERP reference) as the hub keeps it; its VTEX RefId is the reference code.</summary>
public sealed record HubProduct(string RefId, string Name, string Description, int BrandCode, int CategoryCode, bool Active);

/// <summary>ERP reference → hub product → VTEX product, as pure functions.</summary>
public static class ProductMapping
{
    public const int MaxNameLength = 150;
    public const int MaxRefIdLength = 100;
    public const int MaxDescriptionLength = 4000;

    /// <param name="categoryKnown">Whether the ERP category exists (null when the hub has no categories to check against).</param>
    public static ErpRecordMapping Map(ErpReference reference, Func<int, bool>? categoryKnown)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var key = reference.ReferenceCode?.Trim() ?? "";
        if (key.Length == 0)
        {
            return ErpRecordMapping.Refused("(sem código)", "Referência sem código no ERP: o RefId da VTEX ficaria vazio.");
        }

        var problem = TextRules.Check(key, $"Referência {key}: o código (RefId)", MaxRefIdLength)
            ?? TextRules.CheckName(reference.ReferenceName, $"Referência {key}: o nome", MaxNameLength)
            ?? TextRules.Check(reference.Description, $"Referência {key}: a descrição", MaxDescriptionLength, required: false);
        if (problem is not null)
        {
            return ErpRecordMapping.Refused(key, problem);
        }

        if (reference.BrandCode is not > 0)
        {
            return ErpRecordMapping.Refused(key, $"Referência {key} sem marca no ERP.");
        }

        if (reference.CategoryCode is not > 0)
        {
            return ErpRecordMapping.Refused(key, $"Referência {key} sem categoria no ERP.");
        }

        if (categoryKnown is not null && !categoryKnown(reference.CategoryCode.Value))
        {
            return ErpRecordMapping.Refused(key, $"Referência {key}: categoria {TextRules.Key(reference.CategoryCode.Value)} desconhecida (não existe no cadastro de categorias do ERP).");
        }

        var name = reference.ReferenceName!.Trim();
        var content = new HubProduct(key, name, reference.Description?.Trim() ?? name, reference.BrandCode.Value, reference.CategoryCode.Value, reference.IsActive);
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.Product, new HubItem(key, null, content, reference.MaxChangeFilterDate.UtcDateTime)));
    }

    /// <summary>
    /// The VTEX body: the fields the ERP owns over what VTEX has (<paramref name="existing"/>, null on create), because
    /// PUT replaces the whole product and fields set in the VTEX admin must survive.
    /// </summary>
    public static VtexProduct ToVtex(HubProduct product, VtexProduct? existing)
    {
        ArgumentNullException.ThrowIfNull(product);
        var name = VtexNames.Clean(product.Name);
        var baseline = existing ?? new VtexProduct { Name = name };
        return baseline with
        {
            Id = existing?.Id,
            Name = name,
            RefId = product.RefId,
            CategoryId = product.CategoryCode,
            BrandId = product.BrandCode,
            DepartmentId = null,
            Title = name,
            Description = product.Description,
            DescriptionShort = name,
            KeyWords = existing?.KeyWords is { Length: > 0 } words ? words : name,
            IsActive = product.Active,
            IsVisible = product.Active,
        };
    }
}
