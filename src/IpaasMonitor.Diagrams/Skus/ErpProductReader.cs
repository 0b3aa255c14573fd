using System.Runtime.CompilerServices;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Rules;

namespace IpaasMonitor.Diagrams.Skus;

/// <summary>
/// The TOTVS delta read of products: <c>product-codes/search</c> (the codes whose product data changed in the window),
/// then <c>products/search</c> for them 1,000 at a time, optionally with the main price table of the same codes.
/// </summary>
public static class ErpProductReader
{
    public static async IAsyncEnumerable<ErpItem<ErpSkuRow>> ReadAsync(
        ErpClient erp,
        BranchOptions mainBranch,
        ErpChangeFilter? window,
        IReadOnlyList<string>? keys,
        bool withPrices,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erp);
        ArgumentNullException.ThrowIfNull(mainBranch);
        var codes = new List<int>();
        if (keys is not null)
        {
            codes.AddRange(keys.Select(Codes.Parse).Distinct());
        }
        else
        {
            var change = new ErpProductChangeFilter(window!.StartDate, window.EndDate, InProduct: true);
            await foreach (var item in erp.SearchProductCodesAsync(change, skipUnreadablePages: true, cancellationToken))
            {
                if (item.IsValid)
                {
                    codes.Add(item.Value.ProductCode);
                }
                else
                {
                    yield return item.Map(_ => new ErpSkuRow(null!, null));
                }
            }
        }

        foreach (var chunk in codes.Distinct().Chunk(ErpCatalogSearch.MaxDetailPageSize))
        {
            var prices = new Dictionary<int, ErpPriceTableItem>();
            if (withPrices)
            {
                await foreach (var price in erp.SearchPriceTableAsync(PriceMapping.TableOf(mainBranch), [mainBranch.ErpBranchCode], null, chunk, skipUnreadablePages: true, cancellationToken))
                {
                    if (price.IsValid)
                    {
                        prices[price.Value.ProductCode] = price.Value;
                    }
                }
            }

            await foreach (var product in erp.SearchProductsAsync(mainBranch.ErpBranchCode, null, chunk, expand: "barCodes", skipUnreadablePages: true, cancellationToken))
            {
                yield return product.Map(p => new ErpSkuRow(p, prices.GetValueOrDefault(p.ProductCode)));
            }
        }
    }
}
