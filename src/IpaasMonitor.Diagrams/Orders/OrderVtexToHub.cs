using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 24 - Order-VtexToHub: reads the VTEX feed (lots of 10) and registers every new order in the hub (stage Received).
/// The event of a new order is committed by 25 once the order is safely stored; every other event (a duplicate
/// delivery, a status the hub only notes) is committed here at once, because uncommitted events block the queue.
/// Delivery is at-least-once: an order already known is never registered twice. A feed VTEX does not have yet (23 has
/// not configured it: at start, or after VTEX dropped an idle feed) is a silent retry, not a failure: nothing is read,
/// 23 is asked to run, and the next run reads the feed (ADR-016).
/// </summary>
public sealed class OrderVtexToHub(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : IDiagram
{
    public const string ReceivedComponent = "RECEIVED";
    public const string ReadComponent = "GET feed";

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        for (var lot = 0; lot < context.Connection.Orders.FeedLotsPerRun; lot++)
        {
            var events = await vtex.TryReadFeedAsync(VtexOrdersClient.MaxLot, cancellationToken);
            if (events is null)
            {
                context.Logger.LogInformation("The VTEX order feed of {Connection} is not configured yet; diagram 23 configures it and the next run reads it", context.Connection.Id);
                await flow.ConfigureFeedAsync(context, cancellationToken);
                return;
            }

            if (events.Count == 0)
            {
                break;
            }

            var commitNow = new List<string>();
            foreach (var e in events)
            {
                context.Counters.AddRead();
                await context.RecordStepAsync(() => HandleAsync(context, e, commitNow, cancellationToken), cancellationToken);
            }

            await vtex.CommitAsync(commitNow, cancellationToken);
        }

        await flow.ContinueAsync(context, cancellationToken);
    }

    /// <summary>Re-queue: registers the order from VTEX directly (GET order), for an event that could not be handled.</summary>
    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        try
        {
            var order = await vtex.GetOrderAsync(businessKey, cancellationToken);
            if (order is null)
            {
                return ItemResult.Fail(MessageComponents.GetVtexOrder, businessKey, null, $"Pedido {businessKey} não existe na VTEX.", correlationId: businessKey);
            }

            var added = await orders.TryAddReceivedAsync(context.Connection.Id, businessKey, order.Order?.Status, null, cancellationToken);
            return ItemResult.Ok(added ? ReceivedComponent : "ALREADY RECEIVED", businessKey, order.Raw, businessKey);
        }
        catch (ConnectorException ex)
        {
            return ItemResult.Fail(MessageComponents.GetVtexOrder, businessKey, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, businessKey);
        }
    }

    private async Task<ItemResult?> HandleAsync(DiagramContext context, VtexFeedEvent e, List<string> commitNow, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(e, HubStore.Json);
        if (string.IsNullOrWhiteSpace(e.OrderId) || string.IsNullOrWhiteSpace(e.Handle))
        {
            if (!string.IsNullOrWhiteSpace(e.Handle))
            {
                commitNow.Add(e.Handle);
            }

            return ItemResult.Fail(ReadComponent, e.EventId ?? "(sem eventId)", payload, "Evento do feed sem orderId ou handle: ignorado e confirmado.");
        }

        if (e.State == "ready-for-handling")
        {
            // The new order and its "received" message in one transaction (ADR-027).
            var received = ItemResult.Ok(ReceivedComponent, e.OrderId, payload, e.OrderId);
            if (await orders.TryAddReceivedAsync(context.Connection.Id, e.OrderId, e.State, e.Handle, received, cancellationToken))
            {
                context.Counters.AddChanged();
                return received;
            }

            // Known order: a duplicate or a redelivered event. Confirm it now; nothing else to do.
            context.Counters.AddUnchanged();
            commitNow.Add(e.Handle);
            return null;
        }

        // Status changes the hub caused or only notes (handling, invoiced, canceled…).
        await orders.SetVtexStatusAsync(context.Connection.Id, e.OrderId, e.State ?? "", cancellationToken);
        context.Counters.AddUnchanged();
        commitNow.Add(e.Handle);
        return null;
    }
}
