using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Pricing;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Prices;

/// <summary>
/// 20 - PriceTable-HubToVtex: <c>PUT /pricing/prices/{skuId}</c> with the base price and, merged in, every branch
/// fixed price the hub knows, so the PUT (which replaces the whole price) never wipes diagram 22's work. One call per
/// changed price; writes go through the pricing rate limiter (≈33/s per account). A price whose SKU is not in VTEX
/// yet waits for 10, which sends it with the SKU, without a grid message.
/// </summary>
public sealed class PriceHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<PriceHubToVtex.Run>(hub)
{
    protected override ConnectorSystem SendSystem => ConnectorSystem.VtexPricing;

    protected override Task<Run> StartAsync(DiagramContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Run(connectors.GetVtexPricingClient(context.Connection.Id), context.Connection.Id, [.. context.Connection.Branches.Skip(1).Select(b => b.ErpBranchCode)]));

    protected override async Task PreparePageAsync(Run run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken)
    {
        run.Skus = await Hub.VtexIdsAsync(run.ConnectionId, HubKinds.Sku, [.. page.Select(r => r.ErpKey)], cancellationToken);
        run.BranchPrices = await BranchPricesAsync(Hub, run.ConnectionId, run.BranchCodes, page.Select(r => r.ErpKey), cancellationToken);
    }

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        if (!run.Skus.TryGetValue(record.ErpKey, out var vtexId) || !Codes.TryParse(vtexId, out var skuId))
        {
            // 10 sends the price right after it creates the SKU (the same hub record), so nothing is lost by waiting.
            return SendOutcome.Deferred(record, record.Content, $"SKU {record.ErpKey}");
        }

        var (payload, mark, error) = await MainPriceSender.SendAsync(run.Pricing, record, skuId, run.BranchPrices[record.ErpKey], cancellationToken);
        return error is null
            ? SendOutcome.Sent(ItemResult.Ok(MessageComponents.Updated, record.ErpKey, payload), mark!)
            : new SendOutcome(ItemResult.Fail(MainPriceSender.Step, record.ErpKey, payload, error.Failure.ToShortMessage(), error.Failure.ResponseExcerpt), mark is null ? [] : [mark]);
    }

    /// <summary>The branch price records of these products (keys "code/branch"), grouped by product code.</summary>
    public static async Task<ILookup<string, HubRecord>> BranchPricesAsync(
        HubStore hub, string connectionId, IReadOnlyList<int> branchCodes, IEnumerable<string> productCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(branchCodes);
        var keys = productCodes.SelectMany(code => branchCodes.Select(b => $"{code}/{TextRules.Key(b)}")).ToList();
        var records = await hub.FindManyAsync(connectionId, HubKinds.BranchPrice, keys, cancellationToken);
        return records.ToLookup(r => r.ParentKey ?? "", StringComparer.Ordinal);
    }

    public sealed class Run(VtexPricingClient pricing, string connectionId, IReadOnlyList<int> branchCodes)
    {
        public VtexPricingClient Pricing => pricing;

        public string ConnectionId => connectionId;

        public IReadOnlyList<int> BranchCodes => branchCodes;

        public IReadOnlyDictionary<string, string> Skus { get; set; } = new Dictionary<string, string>();

        public ILookup<string, HubRecord> BranchPrices { get; set; } = Array.Empty<HubRecord>().ToLookup(r => r.ErpKey);
    }
}
