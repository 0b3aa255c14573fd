using System.Globalization;

namespace IpaasMonitor.Connectors.Vtex.Catalog;

/// <summary>Catalog brands: <c>/api/catalog/pvt/brand</c>.</summary>
public sealed class VtexBrandEndpoints
{
    public const string CollectionPath = "api/catalog/pvt/brand";

    private readonly VtexApi api;

    internal VtexBrandEndpoints(VtexApi api) => this.api = api;

    /// <summary>
    /// The brand, or null when VTEX answers 404 (the convention for an unknown id; the catalog spec itself lists only
    /// 200) or 200 with an empty or <c>null</c> body (as its RefId lookups do).
    /// </summary>
    public Task<VtexBrand?> GetAsync(int brandId, CancellationToken cancellationToken = default) =>
        api.GetOrNullAsync<VtexBrand>(ItemPath(brandId), cancellationToken);

    /// <summary>
    /// Creates the brand with its own <see cref="VtexBrand.Id"/>. Not retried on 5xx or timeout (the brand may have been
    /// created): on a transient failure, GET it before trying again. A 429 is retried (VTEX did not process it).
    /// </summary>
    public async Task<VtexBrand> CreateAsync(VtexBrand brand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(brand);
        return await api.SendJsonAsync<VtexBrand, VtexBrand>(HttpMethod.Post, CollectionPath, brand, safeToRepeat: false, cancellationToken)
            ?? brand;
    }

    /// <summary>Full replace of the brand: every field is sent; omitted ones would be cleared by VTEX.</summary>
    public async Task<VtexBrand> UpdateAsync(int brandId, VtexBrand brand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(brand);
        if (brand.Id != brandId)
        {
            throw new ArgumentException($"Brand body Id {brand.Id} differs from the brand id {brandId} in the path.", nameof(brand));
        }

        return await api.SendJsonAsync<VtexBrand, VtexBrand>(HttpMethod.Put, ItemPath(brandId), brand, safeToRepeat: true, cancellationToken)
            ?? brand;
    }

    private static string ItemPath(int brandId) => $"{CollectionPath}/{brandId.ToString(CultureInfo.InvariantCulture)}";
}
