using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.SalesOrder;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 28 - Order-HubToErp (main branch) and 29 - BranchOrder-HubToErp (other branches): writes each order whose customer
/// is ready as a TOTVS B2C sales order in the branch the routing rule chose. The ERP answers the same orderId with the
/// existing order, so a retry, a re-run or a re-queue never makes a second ERP order.
/// </summary>
public sealed class OrderHubToErp(ConnectorFactory connectors, OrderStore orders, OrderFlow flow) : OrderStageDiagram<ErpClient>(orders, flow)
{
    public const string CreatedComponent = "ORDER CREATED";

    protected override OrderStage Stage => OrderStage.CustomerReady;

    protected override Task<ErpClient> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(connectors.GetErpClient(context.Connection.Id));
    }

    protected override Task<ItemResult> ProcessAsync(DiagramContext context, ErpClient run, HubOrder order, CancellationToken cancellationToken) =>
        SendAsync(context, run, order, cancellationToken);

    public override async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await Orders.FindAsync(context.Connection.Id, businessKey, cancellationToken);
        if (order is null)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Pedido {businessKey} não está no hub.", correlationId: businessKey);
        }

        if (order.Stage > OrderStage.CustomerReady)
        {
            return ItemResult.Ok(CreatedComponent, businessKey, null, businessKey);
        }

        if (order.Stage != OrderStage.CustomerReady)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"O cliente do pedido {businessKey} ainda não está no ERP (etapa {order.Stage}): diagrama 27.", correlationId: businessKey);
        }

        return await SendAsync(context, connectors.GetErpClient(context.Connection.Id), order, cancellationToken);
    }

    /// <summary>The TOTVS body: values in reais, the customer by code, the VTEX orderId as order id and integration code.</summary>
    public static ErpB2cOrder ToErp(HubOrder order, HubOrderContent content, OrderOptions options)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var s = content.Shipping;
        return new ErpB2cOrder
        {
            OrderId = order.OrderId,
            BranchCode = order.BranchCode ?? 1,
            OrderDate = DateTimeOffset.TryParse(content.CreationDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : order.ReceivedAtUtc,
            CustomerOrderCode = content.Sequence ?? order.OrderId,
            IntegrationCode = order.OrderId,
            CustomerCode = order.CustomerCode ?? throw new InvalidOperationException($"Order {order.OrderId} has no ERP customer."),
            OperationCode = options.OperationCode,
            PaymentConditionCode = options.PaymentConditionCode,
            SellerCode = options.SellerCode,
            FreightType = options.FreightType,
            FreightValue = Reais(content.ShippingCents),
            TotalAmountOrder = Reais(content.TotalCents),
            Items = [.. content.Items.Select(i => new ErpB2cOrderItem(i.ProductCode, i.Quantity, Reais(i.UnitPriceCents)))],
            Payments = content.Payment is { } p ? [new ErpB2cPayment(p.Name ?? p.Group ?? "VTEX", p.Installments, Reais(p.ValueCents))] : [],
            ShippingAddress = new ErpB2cShippingAddress(s.PostalCode, s.Street ?? "", s.Number ?? "S/N", s.Complement, s.Neighborhood, s.City, s.State, s.ReceiverName),
        };
    }

    public static decimal Reais(long cents) => cents / 100m;

    private async Task<ItemResult> SendAsync(DiagramContext context, ErpClient erp, HubOrder order, CancellationToken cancellationToken)
    {
        var content = HubOrderContent.Of(order);
        if (content is null)
        {
            return ItemResult.Fail(MessageComponents.UnreadableHub, order.OrderId, null, "Pedido sem conteúdo no hub: re-enfileire o diagrama 26.", correlationId: order.OrderId);
        }

        var body = ToErp(order, content, context.Connection.Orders);
        var payload = JsonSerializer.Serialize(body, HubStore.Json);
        ErpB2cOrderResult created;
        try
        {
            created = await erp.CreateB2cOrderAsync(body, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            return await Orders.UpdateAsync(
                order.Id,
                s => s.SetProperty(o => o.LastError, ex.Failure.ToShortMessage()),
                ItemResult.Fail("POST b2c-orders", order.OrderId, payload, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, order.OrderId),
                cancellationToken);
        }

        // A kill before this commit leaves the order CustomerReady: the next run posts it again and the ERP answers
        // with the order it already has for this orderId (no second ERP order).
        return await Orders.AdvanceAsync(
            order.Id,
            [OrderStage.CustomerReady],
            OrderStage.InErp,
            s => s.SetProperty(o => o.ErpOrderCode, created.OrderCode).SetProperty(o => o.LastError, (string?)null),
            _ => ItemResult.Ok(CreatedComponent, order.OrderId, payload, order.OrderId),
            cancellationToken);
    }
}
