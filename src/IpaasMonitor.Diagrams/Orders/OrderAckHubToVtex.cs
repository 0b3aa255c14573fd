using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 25 - OrderAck-HubToVtex: confirms receipt to VTEX. Commits the feed events of the orders 24 stored, and calls
/// start-handling for the orders the ERP has accepted (VTEX: "call it once, after the ERP has accepted the order").
/// A 409 (OMS003) means an earlier call went through: the order is read back and, if it left ready-for-handling,
/// the step counts as done.
/// </summary>
public sealed class OrderAckHubToVtex(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : OrderStageDiagram<VtexOrdersClient>(orders, flow)
{
    public const string CommitComponent = "COMMIT OK";
    public const string StartedComponent = "START-HANDLING OK";
    public const string AlreadyStartedComponent = "START-HANDLING 409 OK";
    private const int CommitLot = 100;

    protected override OrderStage Stage => OrderStage.InErp;

    /// <summary>Commits the feed events of the orders 24 stored, before the orders the ERP accepted are started.</summary>
    protected override async Task<VtexOrdersClient> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        await CommitAsync(context, vtex, cancellationToken);
        return vtex;
    }

    protected override Task<ItemResult> ProcessAsync(DiagramContext context, VtexOrdersClient run, HubOrder order, CancellationToken cancellationToken) =>
        StartHandlingAsync(run, order, cancellationToken);

    public override async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        var order = await Orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        if (order is null)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Pedido {businessKey} não está no hub.", correlationId: businessKey);
        }

        if (order.FeedHandle is { } handle)
        {
            try
            {
                await vtex.CommitAsync([handle], cancellationToken);
                await Orders.ClearFeedHandleAsync(order.Id, handle, cancellationToken);
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
            var pending = await Orders.WithFeedHandleAsync(context.Connection.Id, CommitLot, cancellationToken);
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
                await context.RecordStepAsync(
                    async () => await Orders.ClearFeedHandleAsync(order.Id, order.FeedHandle!, ItemResult.Ok(CommitComponent, order.OrderId, $$"""{"committed":true}""", order.OrderId), cancellationToken),
                    cancellationToken);
            }

            if (pending.Count < CommitLot)
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
                step = MessageComponents.GetVtexOrder;
                var current = await vtex.GetOrderAsync(order.OrderId, cancellationToken);
                var status = current?.Order?.Status;
                if (status is null or "ready-for-handling")
                {
                    return ItemResult.Fail(step, order.OrderId, current?.Raw, $"start-handling recusado (409) e o pedido está em '{status ?? "?"}'.", correlationId: order.OrderId);
                }

                component = AlreadyStartedComponent;
            }

            // A kill before this commit leaves the order InErp: the next run's start-handling gets 409 and reads the order back.
            return await Orders.AdvanceAsync(
                order.Id,
                [OrderStage.InErp],
                OrderStage.Handling,
                s => s.SetProperty(o => o.VtexStatus, "handling").SetProperty(o => o.LastError, (string?)null),
                _ => ItemResult.Ok(component, order.OrderId, $$"""{"stage":"{{OrderFlow.StageChange(OrderStage.InErp, OrderStage.Handling)}}"}""", order.OrderId),
                cancellationToken);
        }
        catch (ConnectorException ex)
        {
            return ItemResult.Fail(step, order.OrderId, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId);
        }
    }
}
