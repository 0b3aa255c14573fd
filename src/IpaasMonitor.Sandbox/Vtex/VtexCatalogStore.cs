namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>Catalog entities of one account (everything under <see cref="VtexAccount.Gate"/>).</summary>
internal sealed class VtexCatalogStore
{
    public SortedDictionary<int, VtexCategory> Categories { get; } = [];

    public SortedDictionary<int, VtexProduct> Products { get; } = [];

    public SortedDictionary<int, VtexSku> Skus { get; } = [];

    public SortedDictionary<int, VtexSpecificationGroup> SpecificationGroups { get; } = [];

    public SortedDictionary<int, VtexSpecificationField> SpecificationFields { get; } = [];

    public SortedDictionary<int, VtexSpecificationValue> SpecificationValues { get; } = [];

    /// <summary>Product id → field id → values (legacy catalog_system route: POST overwrites a field's values).</summary>
    public Dictionary<int, SortedDictionary<int, VtexProductSpecification>> ProductSpecifications { get; } = [];

    public SortedDictionary<int, VtexSkuSpecification> SkuSpecifications { get; } = [];

    public SortedDictionary<int, VtexSkuComplement> SkuComplements { get; } = [];

    public SortedDictionary<int, VtexSkuFile> SkuFiles { get; } = [];

    /// <summary>Product id → trade policies it is linked to.</summary>
    public Dictionary<int, SortedSet<int>> ProductTradePolicies { get; } = [];

    private readonly Dictionary<string, int> sequences = new(StringComparer.Ordinal);

    // Secondary indexes (a real account answers RefId lookups from an index; a scan here made a 100,000-SKU load
    // quadratic). Kept in step by PutSku/PutProduct, the only writers of Skus and Products.
    private readonly Dictionary<string, int> skuByRefId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> productByRefId = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SortedSet<int>> skusByProduct = [];

    /// <summary>Next id of a kind: above every id handed out or reserved, and never one in use.</summary>
    public int NextId(string kind, ICollection<int> used, int start)
    {
        var next = sequences.GetValueOrDefault(kind, start);
        while (used.Contains(next))
        {
            next++;
        }

        sequences[kind] = next + 1;
        return next;
    }

    /// <summary>A caller-chosen id: later generated ids of the kind go above it.</summary>
    public void ReserveId(string kind, int id, int start)
    {
        sequences[kind] = Math.Max(sequences.GetValueOrDefault(kind, start), id + 1);
    }

    public void PutSku(VtexSku sku)
    {
        if (Skus.TryGetValue(sku.Id, out var old))
        {
            if (old.RefId is { } oldRef && skuByRefId.TryGetValue(oldRef, out var mapped) && mapped == old.Id)
            {
                skuByRefId.Remove(oldRef);
            }

            if (old.ProductId != sku.ProductId && skusByProduct.TryGetValue(old.ProductId, out var siblings))
            {
                siblings.Remove(old.Id);
            }
        }

        Skus[sku.Id] = sku;
        if (!string.IsNullOrWhiteSpace(sku.RefId))
        {
            skuByRefId.TryAdd(sku.RefId, sku.Id);
        }

        if (!skusByProduct.TryGetValue(sku.ProductId, out var set))
        {
            skusByProduct[sku.ProductId] = set = [];
        }

        set.Add(sku.Id);
    }

    public void PutProduct(VtexProduct product)
    {
        if (Products.TryGetValue(product.Id, out var old) && old.RefId is { } oldRef
            && productByRefId.TryGetValue(oldRef, out var mapped) && mapped == old.Id)
        {
            productByRefId.Remove(oldRef);
        }

        Products[product.Id] = product;
        if (!string.IsNullOrWhiteSpace(product.RefId))
        {
            productByRefId.TryAdd(product.RefId, product.Id);
        }
    }

    public VtexSku? SkuByRefId(string refId) =>
        skuByRefId.TryGetValue(refId, out var id) && Skus.TryGetValue(id, out var sku) ? sku : null;

    public VtexProduct? ProductByRefId(string refId) =>
        productByRefId.TryGetValue(refId, out var id) && Products.TryGetValue(id, out var product) ? product : null;

    public IEnumerable<VtexSku> SkusOfProduct(int productId) =>
        skusByProduct.TryGetValue(productId, out var ids) ? ids.Select(id => Skus[id]) : [];

    public void AddCounts(Dictionary<string, int> counts)
    {
        counts["categories"] = Categories.Count;
        counts["products"] = Products.Count;
        counts["skus"] = Skus.Count;
        counts["specificationFields"] = SpecificationFields.Count;
        counts["specificationValues"] = SpecificationValues.Count;
        counts["productSpecifications"] = ProductSpecifications.Values.Sum(v => v.Count);
        counts["skuSpecifications"] = SkuSpecifications.Count;
        counts["skuComplements"] = SkuComplements.Count;
        counts["skuFiles"] = SkuFiles.Count;
    }
}
