using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Skus;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.SkuSpecifications;

/// <summary>The colour and size of an SKU, as the hub keeps them (VTEX SKU specifications "Cor" and "Tamanho").</summary>
public sealed record HubSkuSpecification(int ProductCode, string ReferenceCode, int? CategoryCode, string Color, string Size);

/// <summary>ERP product grid → hub → VTEX SKU specifications (Radio fields of a "Grade" group per department).</summary>
public static class SkuSpecificationMapping
{
    public const string ColorField = "Cor";
    public const string SizeField = "Tamanho";
    public const int MaxValueLength = 100;

    public static ErpRecordMapping Map(ErpSkuRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var product = row.Product;
        var key = TextRules.Key(product.ProductCode);
        var problem = TextRules.Check(product.ReferenceCode, $"Produto {key}: a referência", 100)
            ?? TextRules.Check(product.ColorName, $"Produto {key}: a cor", MaxValueLength)
            ?? TextRules.Check(product.SizeName, $"Produto {key}: o tamanho", MaxValueLength);
        if (problem is not null)
        {
            return ErpRecordMapping.Refused(key, problem);
        }

        var content = new HubSkuSpecification(product.ProductCode, product.ReferenceCode!.Trim(), product.CategoryCode, product.ColorName!.Trim(), product.SizeName!.Trim());
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.SkuSpecification, new HubItem(key, key, content, product.MaxChangeFilterDate.UtcDateTime)));
    }
}
