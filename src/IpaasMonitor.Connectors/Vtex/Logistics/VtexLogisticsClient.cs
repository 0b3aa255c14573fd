using System.Globalization;
using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Vtex.Logistics;

/// <summary>
/// VTEX Logistics inventory for one connection (on the account host). The full PUT sets absolute values and resets what
/// it leaves out, so quantity, unlimitedQuantity and leadTime are always sent. Two updates of the same SKU and
/// warehouse at once get 423 (retried like 503 by the pipeline); callers send each pair from one place at a time.
/// </summary>
public sealed class VtexLogisticsClient
{
    private readonly VtexApi api;

    internal VtexLogisticsClient(VtexApi api)
    {
        this.api = api;
        ConnectionId = api.ConnectionId;
    }

    public string ConnectionId { get; }

    /// <summary>Sets the stock of an SKU in a warehouse (ids are case-sensitive).</summary>
    public Task SetInventoryAsync(int skuId, string warehouseId, VtexInventoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(warehouseId);
        ArgumentNullException.ThrowIfNull(update);
        return api.SendAsync(
            HttpMethod.Put,
            $"api/logistics/pvt/inventory/skus/{skuId.ToString(CultureInfo.InvariantCulture)}/warehouses/{Uri.EscapeDataString(warehouseId)}",
            update,
            safeToRepeat: true,
            cancellationToken);
    }
}

/// <summary>Body of <c>PUT /api/logistics/pvt/inventory/skus/{skuId}/warehouses/{warehouseId}</c>.</summary>
public sealed record VtexInventoryUpdate
{
    [JsonPropertyName("quantity")]
    public int Quantity { get; init; }

    [JsonPropertyName("unlimitedQuantity")]
    public bool UnlimitedQuantity { get; init; }

    /// <summary>Days.hours:minutes:seconds, e.g. "00:00:00".</summary>
    [JsonPropertyName("leadTime")]
    public string LeadTime { get; init; } = "00:00:00";

    /// <summary>When the ERP counted this stock (UTC, ISO 8601); VTEX uses it to release reservations.</summary>
    [JsonPropertyName("dateUtcOnBalanceSystem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DateUtcOnBalanceSystem { get; init; }
}
