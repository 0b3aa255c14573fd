using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 25 - OrderAck-HubToVtex: confirms receipt to VTEX. Commits the feed events of the orders 24 stored, and calls
/// start-handling for the orders the ERP has accepted (VTEX: "call it once, after the ERP has accepted the order").
/// A 409 (OMS003) means an earlier call went through: the order is read back and, if it left ready-for-handling,
/// the step counts as done.
/// </summary>
public sealed class OrderAckHubToVtex(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : IDiagram
{
    public const string CommitComponent = "COMMIT OK";
    public const string StartedComponent = "START-HANDLING OK";
    public const string AlreadyStartedComponent = "START-HANDLING 409 OK";
    private const int PageSize = 100;

    public IReadOnlyCollection<int> Numbers { get; } = [25];

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        await CommitAsync(context, vtex, cancellationToken);

        long afterId = 0;
        while (true)
        {
            var page = await orders.ListAsync(context.Connection.Id, [OrderStage.InErp], null, afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var order in page)
            {
                context.Counters.AddRead();
                context.Counters.AddChanged();
                await context.RecordAsync(await StartHandlingAsync(vtex, order, cancellationToken), cancellationToken);
            }

            afterId = page[^1].Id;
        }

        flow.Continue(context);
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        var order = await orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        if (order is null)
        {
            return ItemResult.Fail("GET hub", businessKey, null, $"Pedido {businessKey} não está no hub.", correlationId: businessKey);
        }

        if (order.FeedHandle is { } handle)
        {
            try
            {
                await vtex.CommitAsync([handle], cancellationToken);
                await orders.ClearFeedHandleAsync(order.Id, handle, cancellationToken);
            }
            catch (ConnectorException ex)
            {
                return ItemResult.Fail("POST feed commit", businessKey, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, businessKey);
            }
        }

        return order.Stage switch
        {
            OrderStage.InErp => await StartHandlingAsync(vtex, order, cancellationToken),
            < OrderStage.InErp => ItemResult.Ok(CommitComponent, businessKey, null, businessKey),
            _ => ItemResult.Ok(AlreadyStartedComponent, businessKey, null, businessKey),
        };
    }

    private async Task CommitAsync(DiagramContext context, VtexOrdersClient vtex, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = await orders.WithFeedHandleAsync(context.Connection.Id, PageSize, cancellationToken);
            if (pending.Count == 0)
            {
                return;
            }

            try
            {
                await vtex.CommitAsync([.. pending.Select(o => o.FeedHandle!)], cancellationToken);
            }
            catch (ConnectorException ex)
            {
                foreach (var order in pending)
                {
                    await context.RecordAsync(ItemResult.Fail("POST feed commit", order.OrderId, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId), cancellationToken);
                }

                return;
            }

            foreach (var order in pending)
            {
                await orders.ClearFeedHandleAsync(order.Id, order.FeedHandle!, cancellationToken);
                await context.RecordAsync(ItemResult.Ok(CommitComponent, order.OrderId, $$"""{"committed":true}""", order.OrderId), cancellationToken);
            }

            if (pending.Count < PageSize)
            {
                return;
            }
        }
    }

    private async Task<ItemResult> StartHandlingAsync(VtexOrdersClient vtex, HubOrder order, CancellationToken cancellationToken)
    {
        var step = "POST start-handling";
        try
        {
            var outcome = await vtex.StartHandlingAsync(order.OrderId, cancellationToken);
            var component = StartedComponent;
            if (outcome == StartHandlingOutcome.AlreadyHandled)
            {
                step = "GET order";
                var current = await vtex.GetOrderAsync(order.OrderId, cancellationToken);
                var status = current?.Order?.Status;
                if (status is null or "ready-for-handling")
                {
                    return ItemResult.Fail(step, order.OrderId, current?.Raw, $"start-handling recusado (409) e o pedido está em '{status ?? "?"}'.", correlationId: order.OrderId);
                }

                component = AlreadyStartedComponent;
            }

            await orders.TryAdvanceAsync(order.Id, [OrderStage.InErp], OrderStage.Handling, s => s.SetProperty(o => o.VtexStatus, "handling").SetProperty(o => o.LastError, (string?)null), cancellationToken);
            return ItemResult.Ok(component, order.OrderId, $$"""{"stage":"{{OrderFlow.StageChange(OrderStage.InErp, OrderStage.Handling)}}"}""", order.OrderId);
        }
        catch (ConnectorException ex)
        {
            return ItemResult.Fail(step, order.OrderId, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId);
        }
    }
}
