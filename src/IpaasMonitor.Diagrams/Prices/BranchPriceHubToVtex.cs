using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Pricing;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Prices;

/// <summary>
/// 22 - BranchPriceTable-HubToVtex: <c>POST /pricing/prices/{skuId}/fixed/{tradePolicyId}</c>, which sets that table's
/// fixed price and keeps the others (and the base price). An SKU not yet in VTEX waits.
/// </summary>
public sealed class BranchPriceHubToVtex(ConnectorFactory connectors, HubStore hub) : SkuValueHubToVtex<HubBranchPrice, VtexPricingClient>(hub)
{
    public const string Step = "POST prices/fixed";

    protected override string WriteStep => Step;

    protected override ConnectorSystem SendSystem => ConnectorSystem.VtexPricing;

    protected override VtexPricingClient CreateClient(string connectionId) => connectors.GetVtexPricingClient(connectionId);

    protected override object Payload(HubBranchPrice value) => new { priceTableId = value.PriceTableId, prices = PriceMapping.ToVtex(value) };

    protected override Task WriteAsync(VtexPricingClient client, int skuId, HubBranchPrice value, CancellationToken cancellationToken) =>
        client.SetFixedAsync(skuId, value.PriceTableId, PriceMapping.ToVtex(value), cancellationToken);
}
