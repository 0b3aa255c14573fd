using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>Pricing and logistics state of one account.</summary>
public sealed partial class VtexAccount
{
    private readonly SortedDictionary<int, VtexPrice> prices = [];
    private readonly Dictionary<(int SkuId, string WarehouseId), VtexInventory> inventory = [];
    private readonly SortedDictionary<string, VtexWarehouse> warehouses = new(StringComparer.Ordinal);
    private readonly HashSet<(int SkuId, string WarehouseId)> inventoryBusy = [];
    private TokenBucket? pricingWrites;
    private TokenBucket? pricingDeletes;

    public IReadOnlyList<VtexPrice> Prices
    {
        get
        {
            lock (Gate)
            {
                return [.. prices.Values];
            }
        }
    }

    public IReadOnlyList<VtexInventory> Inventory
    {
        get
        {
            lock (Gate)
            {
                return [.. inventory.Values.OrderBy(i => i.SkuId).ThenBy(i => i.WarehouseId, StringComparer.Ordinal)];
            }
        }
    }

    public IReadOnlyList<VtexWarehouse> Warehouses
    {
        get
        {
            lock (Gate)
            {
                return [.. warehouses.Values];
            }
        }
    }

    internal SortedDictionary<int, VtexPrice> PriceStore => prices;

    internal Dictionary<(int SkuId, string WarehouseId), VtexInventory> InventoryStore => inventory;

    internal SortedDictionary<string, VtexWarehouse> WarehouseStore => warehouses;

    internal TokenBucket? PricingWrites => pricingWrites;

    internal TokenBucket? PricingDeletes => pricingDeletes;

    internal void ConfigureCommerce(SandboxOptions options)
    {
        if (options.PricingWritesPerSecond > 0)
        {
            pricingWrites = new TokenBucket(Time, options.PricingBurst, options.PricingWritesPerSecond);

            // VTEX: DELETE 1,000/min with 300 burst, about half the write budget.
            pricingDeletes = new TokenBucket(Time, Math.Max(1, options.PricingBurst * 3 / 5), options.PricingWritesPerSecond / 2);
        }

        foreach (var id in Options.WarehouseIds ?? ["1_1"])
        {
            warehouses[id] = new VtexWarehouse(
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
        {
            return inventoryBusy.Add((skuId, warehouseId));
        }
    }

    internal void UnlockInventory(int skuId, string warehouseId)
    {
        lock (Gate)
        {
            inventoryBusy.Remove((skuId, warehouseId));
        }
    }

    private void AddCommerceCounts(Dictionary<string, int> counts)
    {
        counts["prices"] = prices.Count;
        counts["fixedPrices"] = prices.Values.Sum(p => p.FixedPrices.Count);
        counts["inventory"] = inventory.Count;
        counts["warehouses"] = warehouses.Count;
    }
}
