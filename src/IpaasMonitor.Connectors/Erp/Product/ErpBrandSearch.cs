namespace IpaasMonitor.Connectors.Erp.Product;

/// <summary>
/// <c>POST api/totvsmoda/product/v2/brands/search</c>: an endpoint assumed in TOTVS conventions (the sandbox implements it).
/// </summary>
public static class ErpBrandSearch
{
    public const string Path = "api/totvsmoda/product/v2/brands/search";

    /// <summary>Brands changed in [<paramref name="startDate"/>, <paramref name="endDate"/>], optionally only the given codes; every page.</summary>
    public static IAsyncEnumerable<ErpItem<ErpBrand>> SearchBrandsAsync(
        this ErpClient client,
        DateTimeOffset startDate,
        DateTimeOffset endDate,
        IReadOnlyList<int>? brandCodes = null,
        int? pageSize = null,
        bool skipUnreadablePages = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var filter = new ErpBrandFilter(new ErpChangeFilter(startDate, endDate), brandCodes is { Count: > 0 } ? brandCodes : null);
        return client.SearchAllAsync<ErpBrand>(Path, new ErpSearchSpec(filter, null, null), pageSize, skipUnreadablePages: skipUnreadablePages, cancellationToken: cancellationToken);
    }
}

/// <summary>Filter of the brand search: <c>{ change: { startDate, endDate }, brandCodeList? }</c>.</summary>
public sealed record ErpBrandFilter(ErpChangeFilter Change, IReadOnlyList<int>? BrandCodeList = null);

/// <summary>The incremental window used by every TOTVS search (<c>filter.change</c>).</summary>
public sealed record ErpChangeFilter(DateTimeOffset StartDate, DateTimeOffset EndDate);
