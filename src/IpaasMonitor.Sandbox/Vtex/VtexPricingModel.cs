using System.Text.Json.Serialization;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>Price of one SKU (Pricing API v2, camelCase, money in decimal units).</summary>
public sealed record VtexPrice(
    [property: JsonPropertyName("itemId")] string ItemId,
    [property: JsonPropertyName("listPrice")] decimal? ListPrice,
    [property: JsonPropertyName("costPrice")] decimal? CostPrice,
    [property: JsonPropertyName("markup")] decimal? Markup,
    [property: JsonPropertyName("basePrice")] decimal? BasePrice,
    [property: JsonPropertyName("fixedPrices")] IReadOnlyList<VtexFixedPrice> FixedPrices);

public sealed record VtexFixedPrice(
    [property: JsonPropertyName("tradePolicyId")] string TradePolicyId,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("listPrice")] decimal? ListPrice,
    [property: JsonPropertyName("minQuantity")] int MinQuantity,
    [property: JsonPropertyName("dateRange"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VtexDateRange? DateRange);

public sealed record VtexDateRange(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To);

/// <summary>Stock of a SKU in a warehouse (Logistics API).</summary>
public sealed record VtexInventory(int SkuId, string WarehouseId, int Quantity, bool UnlimitedQuantity, string LeadTime, string? DateUtcOnBalanceSystem, int ReservedQuantity);

public sealed record VtexWarehouse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("warehouseDocks")] IReadOnlyList<VtexWarehouseDock> WarehouseDocks,
    [property: JsonPropertyName("pickupPointIds")] IReadOnlyList<string> PickupPointIds,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("isActive")] bool IsActive);

public sealed record VtexWarehouseDock(
    [property: JsonPropertyName("dockId")] string DockId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("cost")] decimal Cost,
    [property: JsonPropertyName("translateDays")] bool TranslateDays,
    [property: JsonPropertyName("costToDisplay")] decimal CostToDisplay);
