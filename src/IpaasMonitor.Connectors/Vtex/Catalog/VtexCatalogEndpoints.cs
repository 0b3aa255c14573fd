using System.Globalization;

namespace IpaasMonitor.Connectors.Vtex.Catalog;

/// <summary>Catalog categories: <c>/api/catalog/pvt/category</c>. The hub chooses the id (the ERP code), so GET tells create from update.</summary>
public sealed class VtexCategoryEndpoints
{
    public const string CollectionPath = "api/catalog/pvt/category";

    private readonly VtexApi api;

    internal VtexCategoryEndpoints(VtexApi api) => this.api = api;

    /// <summary>The category, or null on 404.</summary>
    public Task<VtexCategory?> GetAsync(int categoryId, CancellationToken cancellationToken = default) =>
        api.GetOrNullAsync<VtexCategory>(Paths.Item(CollectionPath, categoryId), cancellationToken);

    /// <summary>Creates the category with <see cref="VtexCategory.Id"/>. Not retried on 5xx (GET before trying again).</summary>
    public async Task<VtexCategory> CreateAsync(VtexCategory category, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(category);
        return await api.SendJsonAsync<VtexCategory, VtexCategory>(HttpMethod.Post, CollectionPath, category, safeToRepeat: false, cancellationToken) ?? category;
    }

    /// <summary>Full replace; the body's Id is left out (the PUT schema has none).</summary>
    public async Task<VtexCategory> UpdateAsync(int categoryId, VtexCategory category, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(category);
        return await api.SendJsonAsync<VtexCategory, VtexCategory>(HttpMethod.Put, Paths.Item(CollectionPath, categoryId), category with { Id = null }, safeToRepeat: true, cancellationToken)
            ?? category;
    }
}

/// <summary>Catalog products: <c>/api/catalog/pvt/product</c> and the RefId lookup.</summary>
public sealed class VtexProductEndpoints
{
    public const string CollectionPath = "api/catalog/pvt/product";
    public const string ByRefIdPath = "api/catalog_system/pvt/products/productgetbyrefid";

    private readonly VtexApi api;

    internal VtexProductEndpoints(VtexApi api) => this.api = api;

    public Task<VtexProduct?> GetAsync(int productId, CancellationToken cancellationToken = default) =>
        api.GetOrNullAsync<VtexProduct>(Paths.Item(CollectionPath, productId), cancellationToken);

    /// <summary>
    /// The product with this RefId, or null. VTEX answers a missing RefId with 200 and an empty or <c>null</c> body (a
    /// known issue it will not fix), which is read as "not found"; a 404 too.
    /// </summary>
    public Task<VtexProduct?> GetByRefIdAsync(string refId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refId);
        return api.GetOrNullAsync<VtexProduct>($"{ByRefIdPath}/{Uri.EscapeDataString(refId)}", cancellationToken);
    }

    /// <summary>Creates the product (CategoryId + BrandId form). Not retried on 5xx: look it up by RefId before trying again.</summary>
    public async Task<VtexProduct> CreateAsync(VtexProduct product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return await api.SendJsonAsync<VtexProduct, VtexProduct>(HttpMethod.Post, CollectionPath, product.ForWrite(create: true), safeToRepeat: false, cancellationToken)
            ?? product;
    }

    /// <summary>Full replace: every field is sent (omitted ones would be wiped).</summary>
    public async Task<VtexProduct> UpdateAsync(int productId, VtexProduct product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return await api.SendJsonAsync<VtexProduct, VtexProduct>(HttpMethod.Put, Paths.Item(CollectionPath, productId), product.ForWrite(create: false), safeToRepeat: true, cancellationToken)
            ?? product;
    }

    /// <summary>Trade policies the product is linked to.</summary>
    public Task<IReadOnlyList<VtexProductTradePolicy>> GetTradePoliciesAsync(int productId, CancellationToken cancellationToken = default) =>
        api.GetListAsync<VtexProductTradePolicy>($"{Paths.Item(CollectionPath, productId)}/salespolicy", cancellationToken);

    /// <summary>Links the product to a trade policy (no body; linking twice is harmless, so it is safe to repeat).</summary>
    public Task LinkTradePolicyAsync(int productId, int tradePolicyId, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, $"{Paths.Item(CollectionPath, productId)}/salespolicy/{tradePolicyId.ToString(CultureInfo.InvariantCulture)}", null, safeToRepeat: true, cancellationToken);
}

/// <summary>Catalog SKUs: <c>/api/catalog/pvt/stockkeepingunit</c>.</summary>
public sealed class VtexSkuEndpoints
{
    public const string CollectionPath = "api/catalog/pvt/stockkeepingunit";

    private readonly VtexApi api;

    internal VtexSkuEndpoints(VtexApi api) => this.api = api;

    public Task<VtexSku?> GetAsync(int skuId, CancellationToken cancellationToken = default) =>
        api.GetOrNullAsync<VtexSku>(Paths.Item(CollectionPath, skuId), cancellationToken);

    /// <summary><c>GET …/stockkeepingunit?RefId=</c>; null on 404 (and on an empty body).</summary>
    public Task<VtexSku?> GetByRefIdAsync(string refId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refId);
        return api.GetOrNullAsync<VtexSku>($"{CollectionPath}?RefId={Uri.EscapeDataString(refId)}", cancellationToken);
    }

    /// <summary>Creates the SKU; <see cref="VtexSku.IsActive"/> must be false. Not retried on 5xx: look it up by RefId first.</summary>
    public async Task<VtexSku> CreateAsync(VtexSku sku, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sku);
        if (sku.IsActive)
        {
            throw new ArgumentException("VTEX refuses an SKU created active: send IsActive false with ActivateIfPossible true.", nameof(sku));
        }

        return await api.SendJsonAsync<VtexSku, VtexSku>(HttpMethod.Post, CollectionPath, sku with { CreationDate = null }, safeToRepeat: false, cancellationToken) ?? sku;
    }

    /// <summary>Full replace (IsActive included, or VTEX deactivates the SKU).</summary>
    public async Task<VtexSku> UpdateAsync(int skuId, VtexSku sku, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sku);
        return await api.SendJsonAsync<VtexSku, VtexSku>(HttpMethod.Put, Paths.Item(CollectionPath, skuId), sku with { Id = null, CreationDate = null }, safeToRepeat: true, cancellationToken)
            ?? sku;
    }
}

/// <summary>Specification groups, fields and values; product specification values; SKU specification associations.</summary>
public sealed class VtexSpecificationEndpoints
{
    private const string SkuPath = "api/catalog/pvt/stockkeepingunit";

    private readonly VtexApi api;

    internal VtexSpecificationEndpoints(VtexApi api) => this.api = api;

    /// <summary>Fields usable in a category (its own, its ancestors' and the global ones).</summary>
    public Task<IReadOnlyList<VtexSpecificationFieldInfo>> ListFieldsAsync(int categoryId, CancellationToken cancellationToken = default) =>
        api.GetListAsync<VtexSpecificationFieldInfo>($"api/catalog_system/pub/specification/field/listByCategoryId/{Paths.Id(categoryId)}", cancellationToken);

    public Task<IReadOnlyList<VtexSpecificationValueInfo>> ListValuesAsync(int fieldId, CancellationToken cancellationToken = default) =>
        api.GetListAsync<VtexSpecificationValueInfo>($"api/catalog_system/pub/specification/fieldvalue/{Paths.Id(fieldId)}", cancellationToken);

    public async Task<VtexSpecificationGroup> CreateGroupAsync(VtexSpecificationGroup group, CancellationToken cancellationToken = default) =>
        await api.SendJsonAsync<VtexSpecificationGroup, VtexSpecificationGroup>(HttpMethod.Post, "api/catalog/pvt/specificationgroup", group, safeToRepeat: false, cancellationToken)
        ?? throw EmptyAnswer("specificationgroup");

    public async Task<VtexSpecificationField> CreateFieldAsync(VtexSpecificationField field, CancellationToken cancellationToken = default) =>
        await api.SendJsonAsync<VtexSpecificationField, VtexSpecificationField>(HttpMethod.Post, "api/catalog/pvt/specification", field, safeToRepeat: false, cancellationToken)
        ?? throw EmptyAnswer("specification");

    public async Task<VtexSpecificationValue> CreateValueAsync(VtexSpecificationValue value, CancellationToken cancellationToken = default) =>
        await api.SendJsonAsync<VtexSpecificationValue, VtexSpecificationValue>(HttpMethod.Post, "api/catalog/pvt/specificationvalue", value, safeToRepeat: false, cancellationToken)
        ?? throw EmptyAnswer("specificationvalue");

    /// <summary>Sets product specification values (the legacy route, which overwrites: safe to repeat).</summary>
    public Task SetProductValuesAsync(int productId, IReadOnlyList<VtexProductSpecification> values, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, $"api/catalog_system/pvt/products/{Paths.Id(productId)}/specification", values, safeToRepeat: true, cancellationToken);

    public Task<IReadOnlyList<VtexSkuSpecification>> GetSkuSpecificationsAsync(int skuId, CancellationToken cancellationToken = default) =>
        api.GetListAsync<VtexSkuSpecification>($"{SkuPath}/{Paths.Id(skuId)}/specification", cancellationToken);

    /// <summary>Associates a value (the seed's "ASSOCIATE OK"). Not idempotent: VTEX stores a second association; GET first.</summary>
    public async Task<VtexSkuSpecification?> AssociateSkuValueAsync(int skuId, VtexSkuSpecificationAssociation association, CancellationToken cancellationToken = default) =>
        await api.SendJsonAsync<VtexSkuSpecificationAssociation, VtexSkuSpecification>(HttpMethod.Post, $"{SkuPath}/{Paths.Id(skuId)}/specification", association, safeToRepeat: false, cancellationToken);

    /// <summary>Changes the value of an existing association (same field).</summary>
    public Task UpdateSkuValueAsync(int skuId, VtexSkuSpecificationUpdate update, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Put, $"{SkuPath}/{Paths.Id(skuId)}/specification", update, safeToRepeat: true, cancellationToken);

    private static InvalidOperationException EmptyAnswer(string what) => new($"VTEX answered POST {what} with an empty body.");
}

/// <summary>SKU complements (similar products, accessories…): <c>/api/catalog/pvt/skucomplement</c>.</summary>
public sealed class VtexComplementEndpoints
{
    private readonly VtexApi api;

    internal VtexComplementEndpoints(VtexApi api) => this.api = api;

    /// <summary>Complements of a parent SKU of one type.</summary>
    public Task<IReadOnlyList<VtexSkuComplement>> ListAsync(int parentSkuId, int complementTypeId, CancellationToken cancellationToken = default) =>
        api.GetListAsync<VtexSkuComplement>($"api/catalog/pvt/stockkeepingunit/{Paths.Id(parentSkuId)}/complement/{Paths.Id(complementTypeId)}", cancellationToken);

    /// <summary>Creates a link. Not idempotent (a second POST makes a second link): list first.</summary>
    public Task CreateAsync(VtexSkuComplement complement, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, "api/catalog/pvt/skucomplement", complement, safeToRepeat: false, cancellationToken);

    public Task DeleteAsync(int complementId, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Delete, $"api/catalog/pvt/skucomplement/{Paths.Id(complementId)}", null, safeToRepeat: true, cancellationToken);
}

internal static class Paths
{
    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Item(string collection, int id) => $"{collection}/{Id(id)}";
}
