using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp.SalesOrder;
using IpaasMonitor.Connectors.Vtex.Orders;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// What <see cref="InvoiceHubToVtex"/> (31/33) and <see cref="PartialInvoiceErpToVtex"/> (38) share: notifies VTEX of
/// the invoices read by 30/32, each diagram taking its own (<see cref="IsMine"/>), with the invoiced items and amounts
/// in cents. The invoice number is the NF-e number, so a repeat only yields a new receipt and never a second invoice.
/// The order becomes Invoiced when the accepted invoices add up to its value, PartiallyInvoiced before that.
/// </summary>
public abstract class InvoiceToVtexDiagram(ConnectorFactory connectors, HubStore hub, OrderStore orders, OrderFlow flow) : IDiagram
{
    public const string InvoicedComponent = "INVOICE OK";
    public const string PartialComponent = "PARTIAL INVOICE OK";
    private const int PageSize = 200;

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        long afterId = 0;
        while (true)
        {
            var page = await hub.PendingAsync(context.Connection.Id, OrderFlow.InvoiceKind, afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var record in page)
            {
                var result = await TrySendAsync(context, record, fromRun: true, cancellationToken);
                if (result is not null)
                {
                    context.Counters.AddRead();
                    context.Counters.AddChanged();
                    await context.RecordAsync(result, cancellationToken);
                }
            }

            afterId = page[^1].Id;
        }

        await flow.ContinueAsync(context, cancellationToken);
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = await hub.FindAsync(context.Connection.Id, OrderFlow.InvoiceKind, businessKey, cancellationToken);
        if (record is null)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"Nota {businessKey} não está no hub: execute o diagrama 30/32 antes.");
        }

        return await TrySendAsync(context, record, fromRun: false, cancellationToken)
            ?? ItemResult.Fail(MessageComponents.NotInHub, businessKey, record.Content, "A nota não pertence a este diagrama (filial ou parcial) ou o pedido ainda não está em manuseio na VTEX.", correlationId: record.ParentKey);
    }

    /// <summary>The VTEX body: invoice number = NF-e number, value and unit prices in cents, the NF-e key.</summary>
    public static VtexInvoiceRequest ToVtex(HubInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new VtexInvoiceRequest
        {
            InvoiceNumber = invoice.Number.ToString(CultureInfo.InvariantCulture),
            InvoiceValue = invoice.TotalCents.ToString(CultureInfo.InvariantCulture),
            IssuanceDate = invoice.IssueDate,
            InvoiceKey = invoice.AccessKey,
            Items = [.. invoice.Items.Select(i => new VtexInvoiceItem(i.SkuId, i.UnitPriceCents, i.Quantity))],
        };
    }

    /// <summary>Whether this row sends the invoice (main or branch, whole or partial); <paramref name="order"/> is null when not in the hub.</summary>
    protected abstract bool IsMine(DiagramContext context, HubInvoice invoice, HubOrder? order);

    /// <summary>Whether the order's pending items are read from the ERP before the send, to be shown with it (38).</summary>
    protected virtual bool ReadsErpPendingItems => false;

    /// <summary>Null when the record is not this diagram's (branch, partial) or its order cannot take invoices yet.</summary>
    private async Task<ItemResult?> TrySendAsync(DiagramContext context, HubRecord record, bool fromRun, CancellationToken cancellationToken)
    {
        HubInvoice invoice;
        try
        {
            invoice = HubStore.Read<HubInvoice>(record);
        }
        catch (JsonException ex)
        {
            return ItemResult.Fail(MessageComponents.UnreadableHub, record.ErpKey, record.Content, $"Nota ilegível no hub: {ex.Message}", correlationId: record.ParentKey);
        }

        var order = await orders.FindAsync(context.Connection.Id, invoice.OrderId, cancellationToken);
        if (!IsMine(context, invoice, order))
        {
            return null;
        }

        if (order is null)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, record.ErpKey, record.Content, $"Pedido {invoice.OrderId} não está no hub.", correlationId: invoice.OrderId);
        }

        if (order.Stage is OrderStage.ErpCanceled or OrderStage.Canceled)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, record.ErpKey, record.Content, $"Pedido {order.OrderId} está cancelado ({order.Stage}): a nota não é enviada.", correlationId: order.OrderId);
        }

        if (order.Stage is not (OrderStage.Handling or OrderStage.PartiallyInvoiced or OrderStage.Invoiced))
        {
            // start-handling (25) has not happened yet: wait silently in a run; say so on a re-queue.
            return fromRun ? null : ItemResult.Fail(MessageComponents.NotInHub, record.ErpKey, record.Content, $"Pedido {order.OrderId} ainda não está em manuseio na VTEX (etapa {order.Stage}).", correlationId: order.OrderId);
        }

        var body = ToVtex(invoice);
        object payloadObject = body;
        var step = "POST invoice";
        try
        {
            if (ReadsErpPendingItems && order.ErpOrderCode is { } orderCode && order.BranchCode is { } branch)
            {
                step = "GET pending-items";
                var pending = await connectors.GetErpClient(context.Connection.Id).GetPendingItemsAsync(branch, orderCode, cancellationToken);
                payloadObject = new { invoice = body, pendingInErp = pending.Items.Select(i => new { i.ProductCode, i.PendingQuantity }) };
                step = "POST invoice";
            }

            var receipt = await connectors.GetVtexOrdersClient(context.Connection.Id).InvoiceAsync(invoice.OrderId, body, cancellationToken);
            await hub.MarkSentAsync(record.Id, record.ContentHash, receipt.Receipt, cancellationToken);
            var invoiced = await flow.InvoicedCentsAsync(context.Connection.Id, invoice.OrderId, cancellationToken);
            var content = HubOrderContent.Of(order);
            var complete = content is not null && invoiced >= content.TotalCents;
            await orders.TryAdvanceAsync(
                order.Id,
                [OrderStage.Handling, OrderStage.PartiallyInvoiced, OrderStage.Invoiced],
                complete ? OrderStage.Invoiced : OrderStage.PartiallyInvoiced,
                s => s.SetProperty(o => o.InvoicedCents, invoiced).SetProperty(o => o.LastError, (string?)null).SetProperty(o => o.VtexStatus, complete ? "invoiced" : "handling"),
                cancellationToken);
            var payload = JsonSerializer.Serialize(payloadObject, payloadObject.GetType(), HubStore.Json);
            return ItemResult.Ok(invoice.Partial ? PartialComponent : InvoicedComponent, record.ErpKey, payload, invoice.OrderId);
        }
        catch (ConnectorException ex)
        {
            if (ex.Kind == ConnectorErrorKind.Permanent && step == "POST invoice")
            {
                await hub.MarkRejectedAsync(record.Id, record.ContentHash, cancellationToken);
            }

            await orders.UpdateAsync(order.Id, s => s.SetProperty(o => o.LastError, ex.Failure.ToShortMessage()), cancellationToken);
            return ItemResult.Fail(step, record.ErpKey, JsonSerializer.Serialize(body, HubStore.Json), ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, invoice.OrderId);
        }
    }
}
