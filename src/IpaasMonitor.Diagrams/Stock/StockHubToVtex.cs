using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Logistics;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Stock;

/// <summary>
/// 14 - Stock-HubToVtex (main warehouse) and 16 - BranchStock-HubToVtex (branch warehouses): one class, two rows
/// that differ by variant and hub kind.
/// <c>PUT …/inventory/skus/{skuId}/warehouses/{warehouseId}</c> with every field; each SKU/warehouse pair is one hub
/// record, sent by one diagram at a time, so two updates of a pair never race (VTEX answers 423 when they do; retried).
/// </summary>
public sealed class StockHubToVtex(ConnectorFactory connectors, HubStore hub) : SkuValueHubToVtex<HubStock, VtexLogisticsClient>(hub)
{
    public const string Step = "PUT inventory";

    protected override string WriteStep => Step;

    protected override VtexLogisticsClient CreateClient(string connectionId) => connectors.GetVtexLogisticsClient(connectionId);

    protected override object Payload(HubStock value) => new { warehouseId = value.WarehouseId, inventory = StockMapping.ToVtex(value) };

    protected override Task WriteAsync(VtexLogisticsClient client, int skuId, HubStock value, CancellationToken cancellationToken) =>
        client.SetInventoryAsync(skuId, value.WarehouseId, StockMapping.ToVtex(value), cancellationToken);
}
