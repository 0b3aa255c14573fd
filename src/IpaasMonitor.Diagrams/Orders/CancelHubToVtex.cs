using System.Globalization;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 35 - Cancel-HubToVtex (main branch) and 37 - BranchCancel-HubToVtex (other branches): cancels in VTEX the orders the
/// ERP cancelled. The order is read first: already canceled counts as done (no second cancellation), and one with
/// invoices cannot be cancelled (VTEX refuses partially invoiced orders), which is reported instead of attempted.
/// </summary>
public sealed class CancelHubToVtex(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : IDiagram
{
    public const string CanceledComponent = "CANCEL OK";
    public const string AlreadyCanceledComponent = "ALREADY CANCELED";
    private const int PageSize = 100;

    public IReadOnlyCollection<int> Numbers { get; } = [35, 37];

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        long afterId = 0;
        while (true)
        {
            var page = await orders.ListAsync(context.Connection.Id, [OrderStage.ErpCanceled], context.Definition.Number == 35, afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var order in page)
            {
                context.Counters.AddRead();
                context.Counters.AddChanged();
                await context.RecordAsync(await CancelAsync(vtex, order, cancellationToken), cancellationToken);
            }

            afterId = page[^1].Id;
        }

        flow.Continue(context);
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        return order switch
        {
            null => ItemResult.Fail("GET hub", businessKey, null, $"Pedido {businessKey} não está no hub.", correlationId: businessKey),
            { Stage: OrderStage.Canceled } => ItemResult.Ok(AlreadyCanceledComponent, businessKey, null, businessKey),
            { Stage: OrderStage.ErpCanceled } => await CancelAsync(connectors.GetVtexOrdersClient(context.Connection.Id), order, cancellationToken),
            _ => ItemResult.Fail("GET hub", businessKey, null, $"Pedido {businessKey} não foi cancelado no ERP (etapa {order.Stage}).", correlationId: businessKey),
        };
    }

    private async Task<ItemResult> CancelAsync(VtexOrdersClient vtex, HubOrder order, CancellationToken cancellationToken)
    {
        var step = "GET order";
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
                await MarkCanceledAsync(order, status, cancellationToken);
                return ItemResult.Ok(AlreadyCanceledComponent, order.OrderId, current.Raw, order.OrderId);
            }

            if (current.Order?.PackageAttachment?.Packages is { Count: > 0 } packages || status == "invoiced")
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"O ERP cancelou o pedido, mas a VTEX já tem {current.Order?.PackageAttachment?.Packages?.Count ?? 0} nota(s): pedido faturado (parcialmente) não pode ser cancelado; trate a devolução.");
                await orders.UpdateAsync(order.Id, s => s.SetProperty(o => o.LastError, message), cancellationToken);
                return ItemResult.Fail("POST cancel", order.OrderId, current.Raw, message, correlationId: order.OrderId);
            }

            step = "POST cancel";
            var reason = order.LastError ?? "Cancelado no ERP";
            var receipt = await vtex.CancelAsync(order.OrderId, reason, cancellationToken);
            await MarkCanceledAsync(order, "canceled", cancellationToken);
            return ItemResult.Ok(CanceledComponent, order.OrderId, $$"""{"reason":"{{reason.Replace("\"", "'", StringComparison.Ordinal)}}","receipt":"{{receipt.Receipt}}"}""", order.OrderId);
        }
        catch (ConnectorException ex)
        {
            return ItemResult.Fail(step, order.OrderId, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId);
        }
    }

    private Task MarkCanceledAsync(HubOrder order, string status, CancellationToken cancellationToken) =>
        orders.TryAdvanceAsync(order.Id, [OrderStage.ErpCanceled], OrderStage.Canceled, s => s.SetProperty(o => o.VtexStatus, status), cancellationToken);
}
