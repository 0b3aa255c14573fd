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
                if (await context.RecordStepAsync(() => TrySendAsync(context, record, fromRun: true, cancellationToken), cancellationToken) is not null)
                {
                    context.Counters.AddRead();
                    context.Counters.AddChanged();
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
        VtexReceipt receipt;
        try
        {
            if (ReadsErpPendingItems && order.ErpOrderCode is { } orderCode && order.BranchCode is { } branch)
            {
                step = "GET pending-items";
                var pending = await connectors.GetErpClient(context.Connection.Id).GetPendingItemsAsync(branch, orderCode, cancellationToken);
                payloadObject = new { invoice = body, pendingInErp = pending.Items.Select(i => new { i.ProductCode, i.PendingQuantity }) };
                step = "POST invoice";
            }

            receipt = await connectors.GetVtexOrdersClient(context.Connection.Id).InvoiceAsync(invoice.OrderId, body, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            // The refusal noted (for good when VTEX refused the invoice itself) with its failure, in one transaction.
            var rejected = ex.Kind == ConnectorErrorKind.Permanent && step == "POST invoice";
            var failure = ItemResult.Fail(step, record.ErpKey, JsonSerializer.Serialize(body, HubStore.Json), ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt, invoice.OrderId);
            var failedAt = context.UtcNow;
            return await orders.CommitStepAsync(
                async (db, ct) =>
                {
                    if (rejected)
                    {
                        await HubStore.MarkRejectedInAsync(db, record.Id, record.ContentHash, ct);
                    }

                    await OrderStore.UpdateInAsync(db, order.Id, s => s.SetProperty(o => o.LastError, ex.Failure.ToShortMessage()), failedAt, ct);
                    return failure;
                },
                cancellationToken);
        }

        // The record marked sent, the order moved by what the accepted invoices now add up to, and the message: one
        // transaction (ADR-027). A kill before it leaves the invoice pending: the next run sends it again, and VTEX
        // answers an invoice number it already has with a new receipt, not a second invoice.
        var payload = JsonSerializer.Serialize(payloadObject, payloadObject.GetType(), HubStore.Json);
        var content = HubOrderContent.Of(order);
        var now = context.UtcNow;
        return await orders.CommitStepAsync(
            async (db, ct) =>
            {
                await HubStore.MarkSentInAsync(db, record.Id, record.ContentHash, receipt.Receipt, now, ct);
                var invoiced = await OrderFlow.InvoicedCentsInAsync(db, context.Connection.Id, invoice.OrderId, ct);
                var complete = content is not null && invoiced >= content.TotalCents;
                await OrderStore.AdvanceInAsync(
                    db,
                    order.Id,
                    [OrderStage.Handling, OrderStage.PartiallyInvoiced, OrderStage.Invoiced],
                    complete ? OrderStage.Invoiced : OrderStage.PartiallyInvoiced,
                    s => s.SetProperty(o => o.InvoicedCents, invoiced).SetProperty(o => o.LastError, (string?)null).SetProperty(o => o.VtexStatus, complete ? "invoiced" : "handling"),
                    now,
                    ct);
                return ItemResult.Ok(invoice.Partial ? PartialComponent : InvoicedComponent, record.ErpKey, payload, invoice.OrderId);
            },
            cancellationToken);
    }
}
