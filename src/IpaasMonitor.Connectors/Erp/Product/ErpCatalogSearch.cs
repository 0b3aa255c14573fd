namespace IpaasMonitor.Connectors.Erp.Product;

/// <summary>
/// The product/v2 catalogue searches (totvs-side.md §2.4; docs/erp-api.md says which are assumed). Each yields every
/// item of every page; <c>skipUnreadablePages</c> turns a broken page into one invalid item instead of an exception.
/// </summary>
public static class ErpCatalogSearch
{
    public const string CategoriesPath = "api/totvsmoda/product/v2/categories/search";
    public const string ReferencesPath = "api/totvsmoda/product/v2/references/search";
    public const string ProductCodesPath = "api/totvsmoda/product/v2/product-codes/search";
    public const string ProductsPath = "api/totvsmoda/product/v2/products/search";
    public const string BalancesPath = "api/totvsmoda/product/v2/balances/search";
    public const string PriceTablesPath = "api/totvsmoda/product/v2/price-tables/search";

    /// <summary>products/search and price-tables/search accept at most 1,000 items per page.</summary>
    public const int MaxDetailPageSize = 1000;

    /// <summary>product-codes/search accepts up to 100,000 items per page.</summary>
    public const int MaxCodesPageSize = 100_000;

    public static IAsyncEnumerable<ErpItem<ErpCategory>> SearchCategoriesAsync(
        this ErpClient client, ErpChangeFilter? change, IReadOnlyList<int>? codes = null, bool skipUnreadablePages = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SearchAllAsync<ErpCategory>(
            CategoriesPath, new ErpSearchSpec(new ErpCategoryFilter(change, NullIfEmpty(codes)), Order: "code"), skipUnreadablePages: skipUnreadablePages, cancellationToken: cancellationToken);
    }

    /// <param name="expand">e.g. <c>additionalFields</c>, <c>similarReferences</c> (comma list).</param>
    public static IAsyncEnumerable<ErpItem<ErpReference>> SearchReferencesAsync(
        this ErpClient client, ErpChangeFilter? change, IReadOnlyList<string>? codes = null, string? expand = null, bool skipUnreadablePages = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SearchAllAsync<ErpReference>(
            ReferencesPath, new ErpSearchSpec(new ErpReferenceFilter(change, NullIfEmpty(codes)), Order: "referenceCode", Expand: expand),
            skipUnreadablePages: skipUnreadablePages, cancellationToken: cancellationToken);
    }

    /// <summary>The productCodes changed in the window (the light first step of a delta sync).</summary>
    public static IAsyncEnumerable<ErpItem<ErpProductCode>> SearchProductCodesAsync(
        this ErpClient client, ErpProductChangeFilter change, bool skipUnreadablePages = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SearchAllAsync<ErpProductCode>(
            ProductCodesPath, new ErpSearchSpec(new ErpProductFilter(change, null), Order: "productCode"), pageSize: Math.Max(client.DefaultPageSize, 10_000),
            skipUnreadablePages: skipUnreadablePages, cancellationToken: cancellationToken);
    }

    /// <summary>Full product data of the given codes (or of the window when <paramref name="codes"/> is null), as seen by <paramref name="branchInfoCode"/>.</summary>
    public static IAsyncEnumerable<ErpItem<ErpProduct>> SearchProductsAsync(
        this ErpClient client, int branchInfoCode, ErpProductChangeFilter? change, IReadOnlyList<int>? codes, string? expand = null, bool skipUnreadablePages = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SearchAllAsync<ErpProduct>(
            ProductsPath, new ErpSearchSpec(new ErpProductFilter(change, NullIfEmpty(codes)), new ErpProductOption(branchInfoCode), "productCode", expand),
            MaxDetailPageSize, skipUnreadablePages: skipUnreadablePages, cancellationToken: cancellationToken);
    }

    /// <summary>Balances of one branch and its stock codes, for the products whose balance changed in the window (or the given codes).</summary>
    public static IAsyncEnumerable<ErpItem<ErpBalanceItem>> SearchBalancesAsync(
        this ErpClient client, int branchCode, IReadOnlyList<int> stockCodes, ErpChangeFilter? change, IReadOnlyList<int>? codes = null, bool skipUnreadablePages = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var stockChange = change is null ? null : new ErpStockChangeFilter(change.StartDate, change.EndDate, true, [branchCode], stockCodes);
        return client.SearchAllAsync<ErpBalanceItem>(
            BalancesPath, new ErpSearchSpec(new ErpBalanceFilter(stockChange, NullIfEmpty(codes)), new ErpBalanceOption([new ErpBranchStocks(branchCode, stockCodes)]), "productCode"),
            MaxDetailPageSize, skipUnreadablePages: skipUnreadablePages, cancellationToken: cancellationToken);
    }

    /// <summary>Items of one price table for the given branches, changed in the window (or the given codes).</summary>
    public static IAsyncEnumerable<ErpItem<ErpPriceTableItem>> SearchPriceTableAsync(
        this ErpClient client, int priceTableCode, IReadOnlyList<int> branchCodes, ErpChangeFilter? change, IReadOnlyList<int>? codes = null, bool skipUnreadablePages = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var priceChange = change is null ? null : new ErpProductChangeFilter(change.StartDate, change.EndDate, InPrice: true);
        return client.SearchAllAsync<ErpPriceTableItem>(
            PriceTablesPath, new ErpSearchSpec(new ErpProductFilter(priceChange, NullIfEmpty(codes)), new ErpPriceTableOption(branchCodes, priceTableCode), "productCode"),
            MaxDetailPageSize, skipUnreadablePages: skipUnreadablePages, cancellationToken: cancellationToken);
    }

    private static IReadOnlyList<T>? NullIfEmpty<T>(IReadOnlyList<T>? list) => list is { Count: > 0 } ? list : null;
}

/// <summary>Window plus the module flags of the product searches (<c>inProduct</c>, <c>inStock</c>, <c>inPrice</c>).</summary>
public sealed record ErpProductChangeFilter(DateTimeOffset StartDate, DateTimeOffset EndDate, bool? InProduct = null, bool? InStock = null, bool? InPrice = null);

/// <summary>The balance window: <c>{ startDate, endDate, inStock, branchStockCodeList, stockCodeList }</c>.</summary>
public sealed record ErpStockChangeFilter(DateTimeOffset StartDate, DateTimeOffset EndDate, bool InStock, IReadOnlyList<int> BranchStockCodeList, IReadOnlyList<int> StockCodeList);

public sealed record ErpCategoryFilter(ErpChangeFilter? Change, IReadOnlyList<int>? CategoryCodeList);

public sealed record ErpReferenceFilter(ErpChangeFilter? Change, IReadOnlyList<string>? ReferenceCodeList);

public sealed record ErpProductFilter(ErpProductChangeFilter? Change, IReadOnlyList<int>? ProductCodeList);

public sealed record ErpBalanceFilter(ErpStockChangeFilter? Change, IReadOnlyList<int>? ProductCodeList);

public sealed record ErpProductOption(int BranchInfoCode);

public sealed record ErpBranchStocks(int BranchCode, IReadOnlyList<int> StockCodeList);

public sealed record ErpBalanceOption(IReadOnlyList<ErpBranchStocks> Balances);

public sealed record ErpPriceTableOption(IReadOnlyList<int> BranchCodeList, int PriceTableCode);
