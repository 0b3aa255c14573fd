using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;
using static IpaasMonitor.Sandbox.Vtex.VtexCatalogEndpoints;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// Logistics warehouses and inventory (VTEX - Logistics API.json). Warehouse ids are case-sensitive. The full PUT
/// sets absolute values and resets what is left out (quantity 0, leadTime 00:00:00, unlimitedQuantity false).
/// An update holds its SKU/warehouse lock for <see cref="SandboxOptions.InventoryLockHold"/>; a concurrent update
/// of the same pair answers 423 ("Unable to acquire lock for key …"), as VTEX does. Unknown SKU or warehouse → 404.
/// </summary>
internal static class VtexLogisticsEndpoints
{
    private const string Inventory = "api/logistics/pvt/inventory/skus/{skuId}/warehouses/{warehouseId}";

    public static void Map(RouteGroupBuilder vtex)
    {
        var g = SandboxGroup.VtexLogistics;
        vtex.MapSandbox(g, "GET", "warehouses", "api/logistics/pvt/configuration/warehouses", ListWarehouses);
        vtex.MapSandbox(g, "POST", "warehouses", "api/logistics/pvt/configuration/warehouses", SaveWarehouse);
        vtex.MapSandbox(g, "GET", "warehouses", "api/logistics/pvt/configuration/warehouses/{warehouseId}", GetWarehouse);
        vtex.MapSandbox(g, "PUT", "inventory", Inventory, PutInventory);
        vtex.MapSandbox(g, "PATCH", "inventory/quantity", Inventory + "/quantity", PatchQuantity);
        vtex.MapSandbox(g, "GET", "inventory", "api/logistics/pvt/inventory/skus/{skuId}", GetInventory);
    }

    private static IResult ListWarehouses(SandboxState state, string account) => VtexResults.Ok(state.Vtex.Account(account).Warehouses);

    private static IResult GetWarehouse(SandboxState state, string account, string warehouseId)
    {
        var warehouse = state.Vtex.Account(account).Warehouses.FirstOrDefault(w => w.Id == warehouseId);
        return warehouse is null ? NotFound($"Warehouse '{warehouseId}' not found.") : VtexResults.Ok(warehouse);
    }

    private static IResult SaveWarehouse(HttpContext http, SandboxState state, string account)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var id = body.String("id");
        var name = body.String("name");
        var docks = body.Element("warehouseDocks");
        var priority = body.Int("priority") ?? 0;
        var isActive = body.Bool("isActive") ?? false;
        if (body.Invalid() is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name) || docks.ValueKind != JsonValueKind.Array)
        {
            return Bad("id, name and warehouseDocks are required.");
        }

        if (id.Contains(' ', StringComparison.Ordinal))
        {
            return Bad("A warehouse id must not contain spaces.");
        }

        var dockList = docks.EnumerateArray().Select(d =>
        {
            var dock = VtexBody.Of(d);
            return new VtexWarehouseDock(dock.String("dockId") ?? "", dock.String("name"), dock.String("time") ?? "00:00:00", dock.Decimal("cost") ?? 0, dock.Bool("translateDays") ?? false, dock.Decimal("costToDisplay") ?? 0);
        }).ToList();
        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            a.WarehouseStore[id] = new VtexWarehouse(id, name, dockList, [], priority, isActive);
        }

        return Results.Ok();
    }

    private static async Task<IResult> PutInventory(HttpContext http, SandboxState state, string account, string skuId, string warehouseId)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var quantity = body.Int("quantity") ?? 0;
        var unlimited = body.Bool("unlimitedQuantity") ?? false;
        var leadTime = body.String("leadTime") ?? "00:00:00";
        var date = body.String("dateUtcOnBalanceSystem");
        if (body.Invalid() is { } invalid)
        {
            return invalid;
        }

        if (!TimeSpan.TryParse(leadTime, CultureInfo.InvariantCulture, out _))
        {
            return Bad("leadTime must look like 00:00:00 or 1.00:00:00.");
        }

        return await UpdateAsync(state, account, skuId, warehouseId, quantity, unlimited, leadTime, date, replaceAll: true)
            ?? Results.Json(true, SandboxJson.Vtex);
    }

    private static async Task<IResult> PatchQuantity(HttpContext http, SandboxState state, string account, string skuId, string warehouseId)
    {
        if (!VtexBody.TryRead(http, JsonValueKind.Object, out var body, out var bad))
        {
            return bad;
        }

        var quantity = body.Int("quantity");
        var unlimited = body.Bool("unlimitedQuantity");
        var date = body.String("dateUtcOnBalanceSystem");
        if (body.Invalid() is { } invalid)
        {
            return invalid;
        }

        if (quantity is null || unlimited is null)
        {
            return Bad("quantity and unlimitedQuantity are required.");
        }

        return await UpdateAsync(state, account, skuId, warehouseId, quantity.Value, unlimited.Value, null, date, replaceAll: false)
            ?? Results.NoContent();
    }

    /// <summary>Null when the stock was written; otherwise the error to answer.</summary>
    private static async Task<IResult?> UpdateAsync(
        SandboxState state, string account, string skuId, string warehouseId, int quantity, bool unlimited, string? leadTime, string? date, bool replaceAll)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        if (quantity < 0)
        {
            return Bad("quantity must not be negative.");
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            if (!a.Catalog.Skus.ContainsKey(id))
            {
                return NotFound($"SKU {id} not found.");
            }

            if (!a.WarehouseStore.ContainsKey(warehouseId))
            {
                return NotFound($"Warehouse '{warehouseId}' not found (ids are case-sensitive).");
            }
        }

        if (!a.TryLockInventory(id, warehouseId))
        {
            return VtexResults.Error(StatusCodes.Status423Locked, $"Unable to acquire lock for key {account}_{id.ToString(CultureInfo.InvariantCulture)}_{warehouseId}");
        }

        try
        {
            var hold = state.Options.InventoryLockHold;
            if (hold > TimeSpan.Zero)
            {
                await Task.Delay(hold);
            }

            lock (a.Gate)
            {
                var current = a.InventoryStore.GetValueOrDefault((id, warehouseId));
                a.InventoryStore[(id, warehouseId)] = new VtexInventory(
                    id,
                    warehouseId,
                    quantity,
                    unlimited,
                    replaceAll ? leadTime ?? "00:00:00" : current?.LeadTime ?? "00:00:00",
                    date ?? (replaceAll ? null : current?.DateUtcOnBalanceSystem),
                    current?.ReservedQuantity ?? 0);
            }
        }
        finally
        {
            a.UnlockInventory(id, warehouseId);
        }

        return null;
    }

    private static IResult GetInventory(SandboxState state, string account, string skuId)
    {
        if (!VtexBrandEndpoints.TryId(skuId, out var id, out var bad))
        {
            return bad;
        }

        var a = state.Vtex.Account(account);
        lock (a.Gate)
        {
            if (!a.Catalog.Skus.ContainsKey(id))
            {
                return NotFound($"SKU {id} not found.");
            }

            var balance = a.InventoryStore.Values
                .Where(i => i.SkuId == id)
                .OrderBy(i => i.WarehouseId, StringComparer.Ordinal)
                .Select(i => new
                {
                    warehouseId = i.WarehouseId,
                    warehouseName = a.WarehouseStore.TryGetValue(i.WarehouseId, out var w) ? w.Name : i.WarehouseId,
                    totalQuantity = i.Quantity,
                    reservedQuantity = i.ReservedQuantity,
                    hasUnlimitedQuantity = i.UnlimitedQuantity,
                    timeToRefill = (string?)null,
                    dateOfSupplyUtc = (string?)null,
                    leadTime = i.LeadTime,
                })
                .ToList();
            return VtexResults.Ok(new { skuId = id.ToString(CultureInfo.InvariantCulture), balance });
        }
    }
}
