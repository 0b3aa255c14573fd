using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Fiscal;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 30 - Invoice-ErpToHub (main branch) and 32 - BranchInvoice-ErpToHub (other branches): reads the NF-e the ERP issued
/// since the watermark and keeps each in the hub (kind "invoice", parent = the VTEX orderId) with its items mapped to
/// VTEX SKUs and amounts in cents. An invoice that alone does not cover the order is marked partial (sent by 38);
/// the others go through 31/33. A key that is not a valid 44-digit NF-e key is refused.
/// </summary>
public sealed class InvoiceErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks, OrderStore orders, OrderFlow flow)
    : OrderErpToHubDiagram<ErpFiscalInvoice>(connectors, watermarks, flow)
{
    public const string StoredComponent = "INVOICE READ";
    public const string ReadComponent = "GET invoice";

    protected override IAsyncEnumerable<ErpItem<ErpFiscalInvoice>> ReadAsync(ErpClient erp, IReadOnlyList<int> branches, ErpChangeFilter window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erp);
        return erp.SearchInvoicesAsync(new ErpInvoiceFilter(branches, window), cancellationToken);
    }

    protected override DateTimeOffset ChangedAt(ErpFiscalInvoice record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.MaxChangeFilterDate;
    }

    protected override Task<ItemResult?> HandleAsync(DiagramContext context, ErpItem<ErpFiscalInvoice> item, CancellationToken cancellationToken) =>
        StoreAsync(context, item, cancellationToken);

    protected override string ReadStep => ReadComponent;

    protected override string KeyOf(ErpItem<ErpFiscalInvoice> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.IsValid
            ? HubInvoice.KeyOf(item.Value.BranchCode, item.Value.SerialCode, item.Value.InvoiceCode)
            : ErpRecordKeys.KeyOf(item.RawJson, "invoiceCode") ?? $"página {item.Page} item {item.Index + 1}";
    }

    /// <summary>Re-queue: reads the invoice again by its key ("branch-série-number").</summary>
    public override async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = businessKey.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var branch) || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var number))
        {
            return ItemResult.Fail(ReadComponent, businessKey, null, $"Chave de nota inválida: '{businessKey}' (esperado filial-série-número).");
        }

        var erp = Connectors.GetErpClient(context.Connection.Id);
        await foreach (var item in erp.SearchInvoicesAsync(new ErpInvoiceFilter([branch], null, [number]), cancellationToken))
        {
            if (!item.IsValid || item.Value.SerialCode == parts[1])
            {
                return await StoreAsync(context, item, cancellationToken)
                    ?? ItemResult.Ok(StoredComponent, businessKey, null);
            }
        }

        return ItemResult.Fail(ReadComponent, businessKey, null, $"Nota {businessKey} não encontrada no ERP.");
    }

    /// <summary>Null when the invoice is stored unchanged (no message).</summary>
    private async Task<ItemResult?> StoreAsync(DiagramContext context, ErpItem<ErpFiscalInvoice> item, CancellationToken cancellationToken)
    {
        if (!item.IsValid)
        {
            return ItemResult.Fail(ReadComponent, KeyOf(item), item.RawJson, $"Nota fiscal ilegível no ERP: {item.Error}", item.Detail);
        }

        var invoice = item.Value;
        var invoiceKey = HubInvoice.KeyOf(invoice.BranchCode, invoice.SerialCode, invoice.InvoiceCode);
        var salesOrder = invoice.SalesOrder is { Count: > 0 } list ? list[0] : null;
        if (salesOrder is null)
        {
            context.Counters.AddUnchanged();
            return null; // not an e-commerce sale (no sales order): not the hub's business
        }

        var order = await orders.FindByErpCodeAsync(context.Connection.Id, salesOrder.BranchCode, salesOrder.OrderCode, cancellationToken)
            ?? (salesOrder.OrderId is { } id ? await orders.FindAsync(context.Connection.Id, id, cancellationToken) : null);
        var correlation = order?.OrderId ?? salesOrder.OrderId;
        if (order is null)
        {
            return ItemResult.Fail(ReadComponent, invoiceKey, item.RawJson, $"Pedido ERP {salesOrder.OrderCode} (filial {salesOrder.BranchCode}) não está no hub.", correlationId: correlation);
        }

        var accessKey = invoice.Eletronic?.AccessKey;
        if (!BrazilianDocuments.IsValidNfeKey(accessKey))
        {
            return ItemResult.Fail(ReadComponent, invoiceKey, item.RawJson, $"Chave de acesso da NF-e {invoice.InvoiceCode} inválida: '{accessKey}' (44 dígitos com dígito verificador).", correlationId: correlation);
        }

        if (invoice.InvoiceStatus is "Canceled" or "Denied" or "Deleted")
        {
            context.Counters.AddUnchanged();
            return null;
        }

        var content = HubOrderContent.Of(order);
        if (content is null)
        {
            return ItemResult.Fail(ReadComponent, invoiceKey, item.RawJson, $"Pedido {order.OrderId} sem conteúdo no hub.", correlationId: correlation);
        }

        var lines = new List<HubInvoiceLine>();
        foreach (var line in invoice.Items ?? [])
        {
            var orderLine = content.Items.FirstOrDefault(l => l.ProductCode == line.ProductCode);
            if (orderLine is null)
            {
                return ItemResult.Fail(ReadComponent, invoiceKey, item.RawJson, $"A nota {invoice.InvoiceCode} fatura o produto {line.ProductCode}, que não está no pedido {order.OrderId}.", correlationId: correlation);
            }

            lines.Add(new HubInvoiceLine(line.ProductCode, orderLine.SkuId, line.Quantity, orderLine.UnitPriceCents));
        }

        var total = Cents(invoice.TotalValue);
        var freight = Cents(invoice.FreightValue ?? 0m);
        var linesCents = lines.Sum(l => l.UnitPriceCents * l.Quantity);
        if (lines.Count == 0 || linesCents + freight != total)
        {
            return ItemResult.Fail(ReadComponent, invoiceKey, item.RawJson, $"A nota {invoice.InvoiceCode} não fecha: itens {OrderValidation.Money(linesCents)} + frete {OrderValidation.Money(freight)} ≠ total {OrderValidation.Money(total)}.", correlationId: correlation);
        }

        var coversAll = content.Items.All(l => lines.Where(x => x.ProductCode == l.ProductCode).Sum(x => x.Quantity) == l.Quantity) && total == content.TotalCents;
        var hubInvoice = new HubInvoice(
            order.OrderId,
            invoice.BranchCode,
            salesOrder.OrderCode,
            invoice.InvoiceCode,
            invoice.SerialCode,
            accessKey!,
            invoice.IssueDate.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            total,
            freight,
            lines,
            Partial: !coversAll);
        // The invoice stored and its message in one transaction (ADR-027): a kill cannot leave it stored without its message
        // (the next read would find it unchanged and say nothing).
        var stored = ItemResult.Ok(StoredComponent, invoiceKey, JsonSerializer.Serialize(hubInvoice, HubStore.Json), order.OrderId);
        var changed = await hub.UpsertWithMessagesAsync(
            context.Connection.Id,
            [(OrderFlow.InvoiceKind, [new HubItem(invoiceKey, order.OrderId, hubInvoice, invoice.MaxChangeFilterDate.UtcDateTime)])],
            keys => ItemStep.Carry(keys.Count > 0 ? stored : null),
            cancellationToken);
        if (changed.Count == 0)
        {
            context.Counters.AddUnchanged();
            return null;
        }

        context.Counters.AddChanged();
        return stored;
    }

    public static long Cents(decimal reais) => (long)Math.Round(reais * 100m, MidpointRounding.AwayFromZero);
}
