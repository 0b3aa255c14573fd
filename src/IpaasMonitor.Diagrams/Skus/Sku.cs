using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Skus;

/// <summary>An SKU (ERP productCode: one colour and size of a reference) as the hub keeps it. VTEX RefId = productCode.</summary>
public sealed record HubSku(int ProductCode, string RefId, string Name, string ReferenceCode, string? Ean, bool Active);

/// <summary>An ERP product with its main price-table item, read together by diagram 09 ("SKU e Preço").</summary>
public sealed record ErpSkuRow(ErpProduct Product, ErpPriceTableItem? MainPrice);

/// <summary>ERP product → hub SKU (+ main price) → VTEX SKU, as pure functions.</summary>
public static class SkuMapping
{
    public const int MaxNameLength = 200;
    public const int MaxRefIdLength = 50;

    /// <summary>Packaging the ERP does not provide; VTEX requires it (weight in grams, the store default, never 0).</summary>
    public const double DefaultHeightCm = 5;
    public const double DefaultLengthCm = 30;
    public const double DefaultWidthCm = 20;
    public const double DefaultWeightGrams = 300;

    public static ErpRecordMapping Map(ErpSkuRow row, int mainBranchCode)
    {
        ArgumentNullException.ThrowIfNull(row);
        var product = row.Product;
        var key = TextRules.Key(product.ProductCode);
        if (Validate(product) is { } problem)
        {
            return ErpRecordMapping.Refused(key, problem);
        }

        var ean = string.IsNullOrWhiteSpace(product.ProductSku) ? null : product.ProductSku.Trim();
        var content = new HubSku(product.ProductCode, key, product.ProductName!.Trim(), product.ReferenceCode!.Trim(), ean, product.IsActive);
        var entries = new List<HubEntry> { new(HubKinds.Sku, new HubItem(key, content.ReferenceCode, content, product.MaxChangeFilterDate.UtcDateTime)) };

        // The price travels with its SKU (the seed's "SKU e Preço"); an invalid price is reported by diagram 19, not here.
        if (row.MainPrice is { } price && PriceMapping.MapMain(price, mainBranchCode) is { Error: null } priceMapping)
        {
            entries.AddRange(priceMapping.Entries);
        }

        return new ErpRecordMapping(key, entries, null);
    }

    /// <summary>Why an ERP product cannot become a VTEX SKU, or null.</summary>
    public static string? Validate(ErpProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var key = TextRules.Key(product.ProductCode);
        if (product.ProductCode <= 0)
        {
            return $"Código de produto inválido: {key}.";
        }

        var problem = TextRules.CheckName(product.ProductName, $"Produto {key}: o nome", MaxNameLength)
            ?? TextRules.Check(product.ReferenceCode, $"Produto {key}: a referência", ProductMappingLimits.MaxRefIdLength);
        if (problem is not null)
        {
            return problem;
        }

        if (!string.IsNullOrWhiteSpace(product.ProductSku) && !Ean.IsValid(product.ProductSku.Trim()))
        {
            return $"Produto {key}: EAN '{product.ProductSku.Trim()}' inválido (dígito verificador ou tamanho errado); corrija o código de barras no ERP.";
        }

        return null;
    }

    /// <summary>
    /// The VTEX body. On create the SKU is inactive with ActivateIfPossible (it activates with its first image); on
    /// update the fields the ERP owns replace VTEX's, and IsActive stays what VTEX has (omitting it would deactivate).
    /// </summary>
    public static VtexSku ToVtex(HubSku sku, int productId, VtexSku? existing)
    {
        ArgumentNullException.ThrowIfNull(sku);
        if (existing is null)
        {
            return new VtexSku
            {
                ProductId = productId,
                Name = VtexNames.Clean(sku.Name),
                RefId = sku.RefId,
                IsActive = false,
                ActivateIfPossible = true,
                PackagedHeight = DefaultHeightCm,
                PackagedLength = DefaultLengthCm,
                PackagedWidth = DefaultWidthCm,
                PackagedWeightKg = DefaultWeightGrams,
            };
        }

        return existing with
        {
            ProductId = productId,
            Name = VtexNames.Clean(sku.Name),
            RefId = sku.RefId,
            IsActive = existing.IsActive && sku.Active,
            PackagedWeightKg = existing.PackagedWeightKg > 0 ? existing.PackagedWeightKg : DefaultWeightGrams,
            CommercialConditionId = existing.CommercialConditionId > 0 ? existing.CommercialConditionId : 1,
            MeasurementUnit = string.IsNullOrEmpty(existing.MeasurementUnit) ? "un" : existing.MeasurementUnit,
            UnitMultiplier = existing.UnitMultiplier > 0 ? existing.UnitMultiplier : 1,
        };
    }
}

/// <summary>Limits shared with the product mapping.</summary>
internal static class ProductMappingLimits
{
    public const int MaxRefIdLength = Products.ProductMapping.MaxRefIdLength;
}
