using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>Pricing and logistics state of one account.</summary>
public sealed partial class VtexAccount
{
    private readonly SortedDictionary<int, VtexPrice> _prices = [];
    private readonly Dictionary<(int SkuId, string WarehouseId), VtexInventory> _inventory = [];
    private readonly SortedDictionary<string, VtexWarehouse> _warehouses = new(StringComparer.Ordinal);
    private readonly HashSet<(int SkuId, string WarehouseId)> _inventoryBusy = [];
    private TokenBucket? _pricingWrites;
    private TokenBucket? _pricingDeletes;

    public IReadOnlyList<VtexPrice> Prices
    {
        get
        {
            lock (Gate)
                return [.. _prices.Values];
        }
    }

    public IReadOnlyList<VtexInventory> Inventory
    {
        get
        {
            lock (Gate)
                return [.. _inventory.Values.OrderBy(i => i.SkuId).ThenBy(i => i.WarehouseId, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<VtexWarehouse> Warehouses
    {
        get
        {
            lock (Gate)
                return [.. _warehouses.Values];
        }
    }

    internal SortedDictionary<int, VtexPrice> PriceStore => _prices;

    internal Dictionary<(int SkuId, string WarehouseId), VtexInventory> InventoryStore => _inventory;

    internal SortedDictionary<string, VtexWarehouse> WarehouseStore => _warehouses;

    internal TokenBucket? PricingWrites => _pricingWrites;

    internal TokenBucket? PricingDeletes => _pricingDeletes;

    internal void ConfigureCommerce(SandboxOptions options)
    {
        if (options.PricingWritesPerSecond > 0)
        {
            _pricingWrites = new TokenBucket(Time, options.PricingBurst, options.PricingWritesPerSecond);

            // VTEX: DELETE 1,000/min with 300 burst, about half the write budget.
            _pricingDeletes = new TokenBucket(Time, Math.Max(1, options.PricingBurst * 3 / 5), options.PricingWritesPerSecond / 2);
        }

        foreach (var id in Options.WarehouseIds ?? ["1_1"])
        {
            _warehouses[id] = new VtexWarehouse(
                id,
                id == "1_1" ? "Estoque principal" : $"Estoque {id}",
                [new VtexWarehouseDock("1_1_1", "Doca principal", "1.00:00:00", 0, false, 0)],
                [],
                0,
                true);
        }
    }

    /// <summary>Marks the SKU/warehouse pair busy; false when another update holds it (VTEX answers 423).</summary>
    internal bool TryLockInventory(int skuId, string warehouseId)
    {
        lock (Gate)
            return _inventoryBusy.Add((skuId, warehouseId));
    }

    internal void UnlockInventory(int skuId, string warehouseId)
    {
        lock (Gate)
            _inventoryBusy.Remove((skuId, warehouseId));
    }

    private void AddCommerceCounts(Dictionary<string, int> counts)
    {
        counts["prices"] = _prices.Count;
        counts["fixedPrices"] = _prices.Values.Sum(p => p.FixedPrices.Count);
        counts["inventory"] = _inventory.Count;
        counts["warehouses"] = _warehouses.Count;
    }
}
