using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Pricing;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Prices;

/// <summary>
/// 22 - BranchPriceTable-HubToVtex: <c>POST /pricing/prices/{skuId}/fixed/{tradePolicyId}</c>, which sets that table's
/// fixed price and keeps the others (and the base price). An SKU not yet in VTEX waits.
/// </summary>
public sealed class BranchPriceHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<BranchPriceHubToVtex.Run>(hub)
{
    public const string Step = "POST prices/fixed";

    protected override int Parallelism => 8;

    protected override Task<Run> StartAsync(DiagramContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Run(connectors.GetVtexPricingClient(context.Connection.Id), context.Connection.Id));

    protected override async Task PreparePageAsync(Run run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken) =>
        run.Skus = await Hub.VtexIdsAsync(run.ConnectionId, HubKinds.Sku, [.. page.Select(r => r.ParentKey ?? "")], cancellationToken);

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        var price = HubStore.Read<HubBranchPrice>(record);
        var body = PriceMapping.ToVtex(price);
        var payload = HubToVtex.Json(new { priceTableId = price.PriceTableId, prices = body });
        if (!run.Skus.TryGetValue(record.ParentKey ?? "", out var vtexId) || !Codes.TryParse(vtexId, out var skuId))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"SKU {record.ParentKey}", HubKinds.Sku, record.ParentKey));
        }

        try
        {
            await run.Pricing.SetFixedAsync(skuId, price.PriceTableId, body, cancellationToken);
            return SendOutcome.Sent(ItemResult.Ok(MessageComponents.Updated, record.ErpKey, payload), HubMark.Sent(record, vtexId));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, Step, payload, ex);
        }
    }

    public sealed class Run(VtexPricingClient pricing, string connectionId)
    {
        public VtexPricingClient Pricing => pricing;

        public string ConnectionId => connectionId;

        public IReadOnlyDictionary<string, string> Skus { get; set; } = new Dictionary<string, string>();
    }
}
