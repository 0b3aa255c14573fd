using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Vtex.Pricing;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Prices;

/// <summary>The main price of an SKU (the main branch's price table) as the hub keeps it: VTEX's base price.</summary>
public sealed record HubPrice(int ProductCode, decimal BasePrice, decimal? ListPrice);

/// <summary>A branch's price of an SKU: a VTEX fixed price of the branch's trade policy (or price table).</summary>
public sealed record HubBranchPrice(int ProductCode, int BranchCode, string PriceTableId, decimal Value, decimal? ListPrice);

/// <summary>ERP price tables → hub → VTEX Pricing, as pure functions.</summary>
public static class PriceMapping
{
    /// <summary>Above this a price is taken for a typing error (R$ 1 million for a fashion SKU).</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>The ERP price table a branch reads (configured, or the branch code).</summary>
    public static int TableOf(BranchOptions branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        return branch.ErpPriceTableCode ?? branch.ErpBranchCode;
    }

    /// <summary>The VTEX id of a branch's fixed prices: its price table when set, else its trade policy.</summary>
    public static string VtexTableOf(BranchOptions branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        return string.IsNullOrWhiteSpace(branch.PriceTableId) ? branch.TradePolicyId : branch.PriceTableId;
    }

    public static ErpRecordMapping MapMain(ErpPriceTableItem item, int branchCode)
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = TextRules.Key(item.ProductCode);
        var (price, problem) = PriceOf(item, branchCode);
        if (problem is not null)
        {
            return ErpRecordMapping.Refused(key, problem);
        }

        var content = new HubPrice(item.ProductCode, price!.Price, ListPriceOf(price));
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.Price, new HubItem(key, key, content, item.MaxChangeFilterDate.UtcDateTime)));
    }

    public static ErpRecordMapping MapBranch(ErpPriceTableItem item, BranchOptions branch)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(branch);
        var key = $"{TextRules.Key(item.ProductCode)}/{TextRules.Key(branch.ErpBranchCode)}";
        var (price, problem) = PriceOf(item, branch.ErpBranchCode);
        if (problem is not null)
        {
            return ErpRecordMapping.Refused(key, problem);
        }

        var content = new HubBranchPrice(item.ProductCode, branch.ErpBranchCode, VtexTableOf(branch), price!.Price, ListPriceOf(price));
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.BranchPrice, new HubItem(key, TextRules.Key(item.ProductCode), content, item.MaxChangeFilterDate.UtcDateTime)));
    }

    /// <summary>
    /// The main price with every branch price the hub knows, because PUT replaces the whole price of the SKU: sending
    /// only the base price would wipe what diagram 22 wrote.
    /// </summary>
    public static VtexPriceUpdate ToVtex(HubPrice price, IEnumerable<HubBranchPrice> branchPrices)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(branchPrices);
        return new VtexPriceUpdate
        {
            BasePrice = price.BasePrice,
            ListPrice = price.ListPrice,
            FixedPrices =
            [
                .. branchPrices
                    .OrderBy(b => b.PriceTableId, StringComparer.Ordinal)
                    .Select(b => new VtexFixedPrice { TradePolicyId = b.PriceTableId, Value = b.Value, ListPrice = b.ListPrice, MinQuantity = 1 }),
            ],
        };
    }

    public static IReadOnlyList<VtexFixedPriceEntry> ToVtex(HubBranchPrice price)
    {
        ArgumentNullException.ThrowIfNull(price);
        return [new VtexFixedPriceEntry { Value = price.Value, ListPrice = price.ListPrice, MinQuantity = 1 }];
    }

    private static (ErpTablePrice? Price, string? Problem) PriceOf(ErpPriceTableItem item, int branchCode)
    {
        var code = TextRules.Key(item.ProductCode);
        var price = item.Prices.FirstOrDefault(p => p.BranchCode == branchCode);
        if (price is null)
        {
            return (null, $"Produto {code} sem preço para a filial {TextRules.Key(branchCode)} na tabela {TextRules.Key(item.PriceTableCode)}.");
        }

        if (price.Price <= 0)
        {
            return (null, $"Produto {code}: preço {TextRules.Money(price.Price)} inválido na filial {TextRules.Key(branchCode)} (deve ser maior que zero; a VTEX aceitaria e tornaria o SKU indisponível).");
        }

        if (price.Price > MaxPrice)
        {
            return (null, $"Produto {code}: preço {TextRules.Money(price.Price)} acima do limite de {TextRules.Money(MaxPrice)}; confira o cadastro.");
        }

        if (decimal.Round(price.Price, 2) != price.Price)
        {
            return (null, $"Produto {code}: preço {price.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)} com mais de duas casas decimais.");
        }

        return (price, null);
    }

    private static decimal? ListPriceOf(ErpTablePrice price) => price.OriginalPrice is { } original && original > price.Price ? original : null;
}
