using System.Globalization;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 35 - Cancel-HubToVtex (main branch) and 37 - BranchCancel-HubToVtex (other branches): cancels in VTEX the orders the
/// ERP cancelled. The order is read first: already canceled counts as done (no second cancellation), and one with
/// invoices cannot be cancelled (VTEX refuses partially invoiced orders), which is reported instead of attempted.
/// </summary>
public sealed class CancelHubToVtex(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : OrderStageDiagram<VtexOrdersClient>(orders, flow)
{
    public const string CanceledComponent = "CANCEL OK";
    public const string AlreadyCanceledComponent = "ALREADY CANCELED";

    protected override OrderStage Stage => OrderStage.ErpCanceled;

    protected override Task<VtexOrdersClient> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(connectors.GetVtexOrdersClient(context.Connection.Id));
    }

    protected override Task<ItemResult> ProcessAsync(DiagramContext context, VtexOrdersClient run, HubOrder order, CancellationToken cancellationToken) =>
        CancelAsync(run, order, cancellationToken);

    public override async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await Orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        return order switch
        {
            null => ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Pedido {businessKey} não está no hub.", correlationId: businessKey),
            { Stage: OrderStage.Canceled } => ItemResult.Ok(AlreadyCanceledComponent, businessKey, null, businessKey),
            { Stage: OrderStage.ErpCanceled } => await CancelAsync(connectors.GetVtexOrdersClient(context.Connection.Id), order, cancellationToken),
            _ => ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Pedido {businessKey} não foi cancelado no ERP (etapa {order.Stage}).", correlationId: businessKey),
        };
    }

    private async Task<ItemResult> CancelAsync(VtexOrdersClient vtex, HubOrder order, CancellationToken cancellationToken)
    {
        var step = MessageComponents.GetVtexOrder;
        try
        {
            var current = await vtex.GetOrderAsync(order.OrderId, cancellationToken);
            if (current is null)
            {
                return ItemResult.Fail(step, order.OrderId, null, $"Pedido {order.OrderId} não encontrado na VTEX.", correlationId: order.OrderId);
            }

            var status = current.Order?.Status;
            if (status is "canceled" or "cancel")
            {
                return await MarkCanceledAsync(order, status, ItemResult.Ok(AlreadyCanceledComponent, order.OrderId, current.Raw, order.OrderId), cancellationToken);
            }

            if (current.Order?.PackageAttachment?.Packages is { Count: > 0 } packages || status == "invoiced")
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"O ERP cancelou o pedido, mas a VTEX já tem {current.Order?.PackageAttachment?.Packages?.Count ?? 0} nota(s): pedido faturado (parcialmente) não pode ser cancelado; trate a devolução.");
                return await Orders.UpdateAsync(
                    order.Id, s => s.SetProperty(o => o.LastError, message), ItemResult.Fail("POST cancel", order.OrderId, current.Raw, message, correlationId: order.OrderId), cancellationToken);
            }

            step = "POST cancel";
            var reason = order.LastError ?? "Cancelado no ERP";
            var receipt = await vtex.CancelAsync(order.OrderId, reason, cancellationToken);

            // A kill before this commit leaves the order ErpCanceled: the next run reads it canceled and only marks it.
            return await MarkCanceledAsync(
                order, "canceled", ItemResult.Ok(CanceledComponent, order.OrderId, $$"""{"reason":"{{reason.Replace("\"", "'", StringComparison.Ordinal)}}","receipt":"{{receipt.Receipt}}"}""", order.OrderId), cancellationToken);
        }
        catch (ConnectorException ex)
        {
            return ItemResult.Fail(step, order.OrderId, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId);
        }
    }

    private Task<ItemResult> MarkCanceledAsync(HubOrder order, string status, ItemResult message, CancellationToken cancellationToken) =>
        Orders.AdvanceAsync(order.Id, [OrderStage.ErpCanceled], OrderStage.Canceled, s => s.SetProperty(o => o.VtexStatus, status), _ => message, cancellationToken);
}
