namespace IpaasMonitor.Diagrams.Hub;

/// <summary>The hub record kinds of the catalogue pairs (one kind per pair; main and branch records kept apart).</summary>
public static class HubKinds
{
    public const string Brand = "brand";
    public const string Category = "category";
    public const string Product = "product";
    public const string ProductSpecification = "product-spec";
    public const string Sku = "sku";
    public const string SkuSpecification = "sku-spec";
    public const string Stock = "stock";
    public const string BranchStock = "branch-stock";
    public const string Similar = "similar";
    public const string Price = "price";
    public const string BranchPrice = "branch-price";
}
