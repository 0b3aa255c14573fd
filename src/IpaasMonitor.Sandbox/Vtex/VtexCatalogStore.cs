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

    private readonly Dictionary<string, int> _sequences = new(StringComparer.Ordinal);

    /// <summary>Next id of a kind, above every id already used (custom ids included).</summary>
    public int NextId(string kind, IEnumerable<int> used, int start)
    {
        var next = Math.Max(_sequences.GetValueOrDefault(kind, start), used.DefaultIfEmpty(start - 1).Max() + 1);
        _sequences[kind] = next + 1;
        return next;
    }

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
