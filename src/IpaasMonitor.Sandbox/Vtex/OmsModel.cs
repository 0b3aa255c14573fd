using IpaasMonitor.Sandbox.Orders;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>Data problems a generated order can carry, so the hub's validation (diagram 26) has something to refuse.</summary>
public enum OmsOrderDefect
{
    None,
    MissingDocument,
    InvalidDocument,
    UnknownSku,
    WrongTotals,
}

/// <summary>One line of a VTEX order (prices in cents, unit values).</summary>
public sealed record OmsItem(string SkuId, string? RefId, string ProductId, string Name, string Ean, int Quantity, long PriceCents, long ListPriceCents);

/// <summary>One invoice (package) the OMS accepted for an order.</summary>
public sealed record OmsInvoice(
    string Number,
    string Type,
    long ValueCents,
    string? Key,
    string? Url,
    string IssuanceDate,
    IReadOnlyList<OmsInvoiceItem> Items,
    string Receipt,
    DateTimeOffset At);

public sealed record OmsInvoiceItem(string SkuId, int Quantity, long PriceCents);

/// <summary>Payment of the order (one transaction, one payment).</summary>
public sealed record OmsPayment(string PaymentSystem, string PaymentSystemName, string Group, int Installments);

/// <summary>
/// A VTEX order as the fake OMS holds it. Immutable: the store replaces it on every change, and tests change data
/// through <see cref="OmsStore.Update"/> (e.g. to fix a bad document before a re-queue).
/// </summary>
public sealed record OmsOrder
{
    public required string OrderId { get; init; }

    public required string Sequence { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public required DateTimeOffset LastChange { get; init; }

    public required SandboxBuyer Buyer { get; init; }

    /// <summary>The buyer's document as VTEX shows it; null or empty when missing.</summary>
    public string? Document { get; init; }

    public required IReadOnlyList<OmsItem> Items { get; init; }

    public long ShippingCents { get; init; }

    /// <summary>Total in cents (items + shipping + discounts).</summary>
    public long ValueCents { get; init; }

    public required string WarehouseId { get; init; }

    public required OmsPayment Payment { get; init; }

    public IReadOnlyList<OmsInvoice> Invoices { get; init; } = [];

    public string? CancelReason { get; init; }

    public string? CancelReceipt { get; init; }

    public DateTimeOffset? InvoicedDate { get; init; }

    public OmsOrderDefect Defect { get; init; }

    public string SalesChannel { get; init; } = "1";

    public long ItemsCents => Items.Sum(i => i.PriceCents * i.Quantity);

    public long InvoicedCents => Invoices.Where(i => i.Type == "Output").Sum(i => i.ValueCents);

    /// <summary>The order with its totals recomputed from items and shipping (what a good order looks like).</summary>
    public OmsOrder WithConsistentTotals() => this with { ValueCents = ItemsCents + ShippingCents };
}

/// <summary>What a test or the generator asks for.</summary>
public sealed record OmsOrderRequest
{
    /// <summary>SKU ids and quantities; null picks 1–3 random SKUs.</summary>
    public IReadOnlyList<(int SkuId, int Quantity)>? Items { get; init; }

    public OmsOrderDefect Defect { get; init; }

    /// <summary>Corporate buyer (CNPJ); null decides at random.</summary>
    public bool? Corporate { get; init; }

    /// <summary>Fulfilling warehouse; null decides at random among the account's warehouses.</summary>
    public string? WarehouseId { get; init; }

    /// <summary>Buyer index in the account's pool (same index, same customer); null picks one.</summary>
    public int? BuyerIndex { get; init; }

    public long? ShippingCents { get; init; }
}

/// <summary>A feed v3 event (vtex-api.md §5.2).</summary>
internal sealed class FeedEvent
{
    public required string EventId { get; init; }

    public required string OrderId { get; init; }

    public required string State { get; init; }

    public required string LastState { get; init; }

    public required DateTimeOffset LastChange { get; init; }

    public required DateTimeOffset CurrentChange { get; init; }

    public string Handle { get; set; } = "";

    public DateTimeOffset VisibleAt { get; set; }

    public int Deliveries { get; set; }
}
