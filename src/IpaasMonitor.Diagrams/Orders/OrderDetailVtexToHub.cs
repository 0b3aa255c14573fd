using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 26 - OrderDetail-VtexToHub: reads each received order from VTEX, validates it (<see cref="OrderValidation"/>),
/// picks its branch by the connection's rule, and keeps the normalised order in the hub (stage Validated). An order
/// that fails validation stops here (stage Invalid) with a readable reason and is never sent to the ERP; once the
/// data is fixed in VTEX, re-queuing its message validates it again.
/// </summary>
public sealed class OrderDetailVtexToHub(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : OrderStageDiagram<Func<int, bool>?>(orders, flow)
{
    public const string ValidatedComponent = "VALIDATED";
    public const string ValidationComponent = "VALIDATION";

    protected override OrderStage Stage => OrderStage.Received;

    /// <summary>The hub's known products, to validate the orders' items against.</summary>
    protected override Task<Func<int, bool>?> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Flow.KnownProductsAsync(context.Connection.Id, cancellationToken);
    }

    protected override Task<ItemResult> ProcessAsync(DiagramContext context, Func<int, bool>? run, HubOrder order, CancellationToken cancellationToken) =>
        DetailAsync(context, order, run, cancellationToken);

    public override async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await Orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        if (order is null)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Pedido {businessKey} não está no hub: execute o diagrama 24 antes.", correlationId: businessKey);
        }

        if (order.Stage is not (OrderStage.Received or OrderStage.Invalid))
        {
            return ItemResult.Ok(ValidatedComponent, businessKey, order.Content, businessKey);
        }

        var known = await Flow.KnownProductsAsync(context.Connection.Id, cancellationToken);
        return await DetailAsync(context, order, known, cancellationToken);
    }

    private async Task<ItemResult> DetailAsync(DiagramContext context, HubOrder order, Func<int, bool>? known, CancellationToken cancellationToken)
    {
        var vtex = connectors.GetVtexOrdersClient(context.Connection.Id);
        Connectors.Vtex.Orders.VtexOrderDocument? document;
        try
        {
            document = await vtex.GetOrderAsync(order.OrderId, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            return ItemResult.Fail(MessageComponents.GetVtexOrder, order.OrderId, null, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId);
        }

        if (document is null)
        {
            return await RefuseAsync(order, null, $"Pedido {order.OrderId} não encontrado na VTEX (404).", cancellationToken);
        }

        var check = OrderValidation.Validate(document, order.OrderId, known);
        var profile = document.Order?.ClientProfileData;
        await Orders.RememberBuyerDocumentAsync(
            context.Connection.Id, order.OrderId, check.Content?.Customer.Document ?? (profile?.IsCorporate == true ? profile.CorporateDocument : profile?.Document), cancellationToken);
        if (!check.IsValid)
        {
            return await RefuseAsync(order, document.Raw, $"Pedido recusado: {check.Reason}.", cancellationToken);
        }

        var content = check.Content!;
        var (branch, isMain) = OrderRouting.Choose(context.Connection, content);
        var json = JsonSerializer.Serialize(content, HubStore.Json);
        var hash = HubStore.Hash(json);
        return await Orders.AdvanceAsync(
            order.Id,
            [OrderStage.Received, OrderStage.Invalid],
            OrderStage.Validated,
            s => s.SetProperty(o => o.Content, json)
                .SetProperty(o => o.ContentHash, hash)
                .SetProperty(o => o.BranchCode, branch)
                .SetProperty(o => o.IsMainBranch, isMain)
                .SetProperty(o => o.VtexStatus, document.Order?.Status)
                .SetProperty(o => o.LastError, (string?)null),
            moved => ItemResult.Ok(ValidatedComponent, order.OrderId, moved ? json : null, order.OrderId),
            cancellationToken);
    }

    private Task<ItemResult> RefuseAsync(HubOrder order, string? raw, string reason, CancellationToken cancellationToken) =>
        Orders.AdvanceAsync(
            order.Id,
            [OrderStage.Received, OrderStage.Invalid],
            OrderStage.Invalid,
            s => s.SetProperty(o => o.LastError, reason),
            _ => ItemResult.Fail(ValidationComponent, order.OrderId, raw, reason, correlationId: order.OrderId),
            cancellationToken);
}
