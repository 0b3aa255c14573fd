namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>Snapshots of the catalog entities (for tests and inspection).</summary>
public sealed partial class VtexAccount
{
    public IReadOnlyList<VtexCategory> Categories => Snapshot(c => c.Categories.Values.ToList());

    public IReadOnlyList<VtexProduct> Products => Snapshot(c => c.Products.Values.ToList());

    public IReadOnlyList<VtexSku> Skus => Snapshot(c => c.Skus.Values.ToList());

    public IReadOnlyList<VtexSpecificationField> SpecificationFields => Snapshot(c => c.SpecificationFields.Values.ToList());

    public IReadOnlyList<VtexSpecificationValue> SpecificationValues => Snapshot(c => c.SpecificationValues.Values.ToList());

    public IReadOnlyList<VtexSkuSpecification> SkuSpecifications => Snapshot(c => c.SkuSpecifications.Values.ToList());

    public IReadOnlyList<VtexSkuComplement> SkuComplements => Snapshot(c => c.SkuComplements.Values.ToList());

    public IReadOnlyList<VtexProductSpecification> ProductSpecifications(int productId) =>
        Snapshot(c => c.ProductSpecifications.TryGetValue(productId, out var specs) ? specs.Values.ToList() : []);

    private IReadOnlyList<T> Snapshot<T>(Func<VtexCatalogStore, List<T>> read)
    {
        lock (Gate)
        {
            return read(Catalog);
        }
    }
}
