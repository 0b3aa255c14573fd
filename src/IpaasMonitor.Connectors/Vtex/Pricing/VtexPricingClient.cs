using System.Globalization;

namespace IpaasMonitor.Connectors.Vtex.Pricing;

/// <summary>
/// VTEX Pricing API v2 for one connection, on its own host (<c>PricingBaseAddress</c>) and its own rate limiter: the
/// account allows about 33 writes per second (500 burst) across every job, configured by
/// <c>IpaasMonitor:Resilience:VtexPricing:PermitsPerSecond</c>. Every write sets a value, so all are safe to repeat.
/// </summary>
public sealed class VtexPricingClient
{
    private const string PricesPath = "pricing/prices";

    private readonly VtexApi api;

    internal VtexPricingClient(VtexApi api)
    {
        this.api = api;
        ConnectionId = api.ConnectionId;
    }

    public string ConnectionId { get; }

    /// <summary>The SKU's price, or null when it has none (404; undocumented but what VTEX answers).</summary>
    public Task<VtexPrice?> GetAsync(int skuId, CancellationToken cancellationToken = default) =>
        api.GetOrNullAsync<VtexPrice>($"{PricesPath}/{Id(skuId)}", cancellationToken);

    /// <summary>Replaces the SKU's whole price, fixed prices included (send the ones to keep in the body).</summary>
    public Task PutAsync(int skuId, VtexPriceUpdate price, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(price);
        return api.SendAsync(HttpMethod.Put, $"{PricesPath}/{Id(skuId)}", price, safeToRepeat: true, cancellationToken);
    }

    /// <summary>Sets the fixed prices of one trade policy or price table, keeping the other tables' ones.</summary>
    public Task SetFixedAsync(int skuId, string priceTableId, IReadOnlyList<VtexFixedPriceEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(priceTableId);
        ArgumentNullException.ThrowIfNull(entries);
        return api.SendAsync(HttpMethod.Post, $"{PricesPath}/{Id(skuId)}/fixed/{Uri.EscapeDataString(priceTableId)}", entries, safeToRepeat: true, cancellationToken);
    }

    private static string Id(int skuId) => skuId.ToString(CultureInfo.InvariantCulture);
}
