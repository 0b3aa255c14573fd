namespace IpaasMonitor.Sandbox.Erp;

/// <summary>Catalogue access (snapshots as of now) and test helpers.</summary>
public sealed partial class ErpTenant
{
    /// <summary>Branch codes; the first is the main branch.</summary>
    public IReadOnlyList<int> Branches => catalog.Branches;

    public IReadOnlyList<ErpCategory> Categories => Read(c => c.Categories.ToList());

    public IReadOnlyList<ErpReference> References => Read(c => c.References.ToList());

    public IReadOnlyList<ErpProduct> Products => Read(c => c.Products.ToList());

    public IReadOnlyList<ErpBalance> Balances => Read(c => c.Balances.OrderBy(b => b.ProductCode).ThenBy(b => b.BranchCode).ToList());

    public IReadOnlyList<ErpPrice> Prices => Read(c => c.Prices.OrderBy(p => p.ProductCode).ThenBy(p => p.BranchCode).ToList());

    public IReadOnlyList<ErpPriceTableItem> PriceTableItems => Read(c => c.PriceTableItems.OrderBy(p => p.PriceTableCode).ThenBy(p => p.ProductCode).ToList());

    /// <summary>Sets the physical stock (stock code 1) of a product in a branch, changed now.</summary>
    public void SetBalance(int productCode, int branchCode, int stock) =>
        Read(c =>
        {
            c.SetBalance(productCode, branchCode, stock, time.GetUtcNow());
            return 0;
        });

    /// <summary>Sets the price (price code 1, and the branch's price table) of a product in a branch, changed now.</summary>
    public void SetPrice(int productCode, int branchCode, decimal price) =>
        Read(c =>
        {
            c.SetPrice(productCode, branchCode, price, time.GetUtcNow());
            return 0;
        });

    /// <summary>Runs <paramref name="read"/> on the up-to-date catalogue under the tenant lock.</summary>
    internal T Read<T>(Func<ErpCatalog, T> read)
    {
        lock (gate)
        {
            CatchUp();
            return read(catalog);
        }
    }
}
