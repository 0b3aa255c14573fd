using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Vtex;

namespace IpaasMonitor.Sandbox.Orders;

/// <summary>The order side of the sandbox: one VTEX OMS per account and one ERP order book per tenant.</summary>
public sealed class OrdersSandbox
{
    private readonly Dictionary<string, OmsStore> oms;
    private readonly Dictionary<string, OrdersBook> books;

    internal OrdersSandbox(SandboxOptions options)
    {
        Options = options.Orders;
        oms = options.ResolvedVtexAccounts().ToDictionary(a => a.Name, a => new OmsStore(a.Name, options, options.Orders), StringComparer.Ordinal);
        books = options.ResolvedErpTenants().ToDictionary(t => t.Name, t => new OrdersBook(t.Name, options, options.Orders), StringComparer.Ordinal);
    }

    public SandboxOrderOptions Options { get; }

    public OmsStore Oms(string account) =>
        oms.TryGetValue(account, out var store) ? store : throw new KeyNotFoundException($"No VTEX account '{account}' in the sandbox.");

    public OrdersBook Erp(string tenant) =>
        books.TryGetValue(tenant, out var book) ? book : throw new KeyNotFoundException($"No ERP tenant '{tenant}' in the sandbox.");

    /// <summary>Orders, statuses and the duplicates each side saw (what the "zero duplicates" check reads).</summary>
    public OrdersInspection Inspect() => new(
        oms.ToDictionary(
            p => p.Key,
            p => new OmsInspection(
                p.Value.Orders.Count,
                p.Value.CountByStatus(),
                p.Value.FeedPending,
                p.Value.DuplicateEventsQueued,
                p.Value.StartHandlingConflicts,
                p.Value.InvoiceResends,
                p.Value.DuplicateInvoices,
                p.Value.DuplicateCancellations),
            StringComparer.Ordinal),
        books.ToDictionary(
            p => p.Key,
            p => new ErpOrdersInspection(p.Value.Counts(), p.Value.DuplicateCustomers, p.Value.OrderRepeats, DuplicateOrders: 0),
            StringComparer.Ordinal));
}

public sealed record OrdersInspection(IReadOnlyDictionary<string, OmsInspection> Vtex, IReadOnlyDictionary<string, ErpOrdersInspection> Erp)
{
    /// <summary>Every duplicate either side saw: customers, ERP orders, VTEX invoices and cancellations.</summary>
    public int TotalDuplicates =>
        Vtex.Values.Sum(v => v.DuplicateInvoices + v.DuplicateCancellations) + Erp.Values.Sum(e => e.DuplicateCustomers + e.DuplicateOrders);
}

/// <param name="DuplicateEventsQueued">Feed events delivered twice (at-least-once), which the hub must absorb.</param>
/// <param name="StartHandlingConflicts">409s on start-handling (a retry after success counts as done).</param>
/// <param name="InvoiceResends">Invoices re-sent with the same number (safe: a new receipt only).</param>
/// <param name="DuplicateInvoices">Invoices refused because they would invoice the same goods twice.</param>
/// <param name="DuplicateCancellations">Cancel requests on already canceled orders.</param>
public sealed record OmsInspection(
    int Orders,
    IReadOnlyDictionary<string, int> ByStatus,
    int FeedPending,
    int DuplicateEventsQueued,
    int StartHandlingConflicts,
    int InvoiceResends,
    int DuplicateInvoices,
    int DuplicateCancellations);

/// <param name="OrderRepeats">b2c-orders calls for an orderId already in the ERP (answered with the existing order).</param>
/// <param name="DuplicateOrders">Two ERP orders for one VTEX orderId (the ERP prevents it; kept for the report).</param>
public sealed record ErpOrdersInspection(IReadOnlyDictionary<string, int> Entities, int DuplicateCustomers, int OrderRepeats, int DuplicateOrders);
