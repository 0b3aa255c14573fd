using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Logistics;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Stock;

/// <summary>
/// 14 - Stock-HubToVtex (main warehouse) and 16 - BranchStock-HubToVtex (branch warehouses): one class, two rows
/// that differ by variant and hub kind.
/// <c>PUT …/inventory/skus/{skuId}/warehouses/{warehouseId}</c> with every field; each SKU/warehouse pair is one hub
/// record, sent by one diagram at a time, so two updates of a pair never race (VTEX answers 423 when they do; retried).
/// </summary>
public sealed class StockHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<StockHubToVtex.Run>(hub)
{
    public const string Step = "PUT inventory";

    protected override int Parallelism => 8;

    protected override Task<Run> StartAsync(DiagramContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Run(connectors.GetVtexLogisticsClient(context.Connection.Id), context.Connection.Id));

    protected override async Task PreparePageAsync(Run run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken) =>
        run.Skus = await Hub.VtexIdsAsync(run.ConnectionId, HubKinds.Sku, [.. page.Select(r => r.ParentKey ?? "")], cancellationToken);

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        HubStock stock;
        try
        {
            stock = HubStore.Read<HubStock>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var body = StockMapping.ToVtex(stock);
        var payload = HubToVtex.Json(new { warehouseId = stock.WarehouseId, inventory = body });
        if (!run.Skus.TryGetValue(record.ParentKey ?? "", out var vtexId) || !Codes.TryParse(vtexId, out var skuId))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"SKU {record.ParentKey}", HubKinds.Sku, record.ParentKey));
        }

        try
        {
            await run.Logistics.SetInventoryAsync(skuId, stock.WarehouseId, body, cancellationToken);
            return SendOutcome.Sent(ItemResult.Ok(MessageComponents.Updated, record.ErpKey, payload), HubMark.Sent(record, vtexId));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, Step, payload, ex);
        }
    }

    public sealed class Run(VtexLogisticsClient logistics, string connectionId)
    {
        public VtexLogisticsClient Logistics => logistics;

        public string ConnectionId => connectionId;

        public IReadOnlyDictionary<string, string> Skus { get; set; } = new Dictionary<string, string>();
    }
}
