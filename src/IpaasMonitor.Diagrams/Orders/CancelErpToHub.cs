using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Connectors.Erp.SalesOrder;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 34 - Cancel-ErpToHub (main branch) and 36 - BranchCancel-ErpToHub (other branches): finds the sales orders the ERP
/// cancelled since the watermark and marks their hub orders ErpCanceled, for 35/37 to cancel in VTEX. An order already
/// marked is left alone, so overlapping windows and re-runs change nothing.
/// </summary>
public sealed class CancelErpToHub(ConnectorFactory connectors, WatermarkStore watermarks, OrderStore orders, OrderFlow flow)
    : OrderErpToHubDiagram<ErpSalesOrderInfo>(connectors, watermarks, flow)
{
    public const string CanceledComponent = "CANCEL READ";
    public const string ReadComponent = "GET canceled order";

    private static readonly OrderStage[] Cancellable = [OrderStage.Validated, OrderStage.CustomerReady, OrderStage.InErp, OrderStage.Handling];

    protected override IAsyncEnumerable<ErpItem<ErpSalesOrderInfo>> ReadAsync(ErpClient erp, IReadOnlyList<int> branches, ErpChangeFilter window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erp);
        return erp.SearchOrdersAsync(new ErpSalesOrderFilter(branches, window, StatusOrderList: ["Canceled"]), cancellationToken);
    }

    protected override DateTimeOffset ChangedAt(ErpSalesOrderInfo record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.MaxChangeFilterDate;
    }

    protected override Task<ItemResult?> HandleAsync(DiagramContext context, ErpItem<ErpSalesOrderInfo> item, CancellationToken cancellationToken) =>
        MarkAsync(context, item, cancellationToken);

    protected override string ReadStep => ReadComponent;

    protected override string KeyOf(ErpItem<ErpSalesOrderInfo> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return ErpRecordKeys.KeyOf(item.RawJson, "orderId") ?? ErpRecordKeys.KeyOf(item.RawJson, "orderCode") ?? $"página {item.Page} item {item.Index + 1}";
    }

    public override async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        if (order?.ErpOrderCode is not { } code || order.BranchCode is not { } branch)
        {
            return ItemResult.Fail(ReadComponent, businessKey, null, $"Pedido {businessKey} não tem pedido no ERP.", correlationId: businessKey);
        }

        var erp = Connectors.GetErpClient(context.Connection.Id);
        await foreach (var item in erp.SearchOrdersAsync(new ErpSalesOrderFilter([branch], OrderCodeList: [code]), cancellationToken))
        {
            if (item.IsValid && item.Value.StatusOrder != "Canceled")
            {
                return ItemResult.Fail(ReadComponent, businessKey, item.RawJson, $"O pedido ERP {code} não está cancelado ({item.Value.StatusOrder}).", correlationId: businessKey);
            }

            return await MarkAsync(context, item, cancellationToken) ?? ItemResult.Ok(CanceledComponent, businessKey, item.RawJson, businessKey);
        }

        return ItemResult.Fail(ReadComponent, businessKey, null, $"Pedido ERP {code} não encontrado.", correlationId: businessKey);
    }

    private async Task<ItemResult?> MarkAsync(DiagramContext context, ErpItem<ErpSalesOrderInfo> item, CancellationToken cancellationToken)
    {
        if (!item.IsValid)
        {
            return ItemResult.Fail(ReadComponent, KeyOf(item), item.RawJson, $"Pedido cancelado ilegível no ERP: {item.Error}", item.Detail);
        }

        var erpOrder = item.Value;
        var order = await orders.FindByErpCodeAsync(context.Connection.Id, erpOrder.BranchCode, erpOrder.OrderCode, cancellationToken);
        if (order is null)
        {
            context.Counters.AddUnchanged();
            return null; // not an order of this hub (a store sale, another channel)
        }

        if (order.Stage is OrderStage.ErpCanceled or OrderStage.Canceled)
        {
            context.Counters.AddUnchanged();
            return null;
        }

        var reason = string.Create(CultureInfo.InvariantCulture, $"Cancelado no ERP (pedido {erpOrder.OrderCode}, filial {erpOrder.BranchCode})");
        var payload = JsonSerializer.Serialize(new { erpOrder.BranchCode, erpOrder.OrderCode, erpOrder.StatusOrder, stage = OrderFlow.StageChange(order.Stage, OrderStage.ErpCanceled) }, HubStore.Json);
        var result = await orders.AdvanceAsync(
            order.Id,
            Cancellable,
            OrderStage.ErpCanceled,
            s => s.SetProperty(o => o.LastError, reason),
            moved => moved
                ? ItemResult.Ok(CanceledComponent, order.OrderId, payload, order.OrderId)
                : ItemResult.Fail(CanceledComponent, order.OrderId, item.RawJson, $"O ERP cancelou o pedido, mas no hub ele está em {order.Stage}: verifique (notas já enviadas não são canceladas).", correlationId: order.OrderId),
            cancellationToken);
        if (result.Situation == MessageSituation.Processed)
        {
            context.Counters.AddChanged();
        }

        return result;
    }
}
