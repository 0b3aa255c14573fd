using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// What the order diagrams share: the hub's known SKUs (for validation), and the hand-off to the next stage. When a
/// scheduled run moved orders forward, the next diagrams are enqueued at once instead of waiting for their own
/// schedule, so an order crosses 24 → 25/26 → 27 → 28/29 → 25 in seconds. Runs started by tests or operators do not
/// chain (their results stay deterministic); a chained run that finds its diagram busy is simply skipped, and the
/// schedule picks the orders up.
/// </summary>
public sealed class OrderFlow(PendingJobs jobs, IDbContextFactory<IpaasDbContext> dbFactory)
{
    /// <summary>Trigger of runs enqueued by a previous stage.</summary>
    public const string ChainTrigger = "encadeado";

    /// <summary>Hub record kind of the SKUs (ERP key = product code), when the catalogue diagrams keep them.</summary>
    public const string SkuKind = "sku";

    /// <summary>Hub record kind of the invoices read from the ERP (parent = orderId).</summary>
    public const string InvoiceKind = "invoice";

    /// <summary>The row that configures VTEX's order feed (23).</summary>
    public const int FeedConfigDiagram = 23;

    /// <summary>
    /// Enqueues the diagrams after this one (its row's <see cref="Catalog.DiagramDefinition.Next"/>) when the run changed
    /// something and was not started by hand. Recorded in the store first where Hangfire's jobs die with the process
    /// (<see cref="PendingJobs"/>, ADR-027).
    /// </summary>
    public async Task ContinueAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Counters.Sent == 0 || context.TriggeredBy is not (Triggers.Scheduler or Triggers.Startup or ChainTrigger))
        {
            return;
        }

        var connection = context.Connection.Id;
        foreach (var diagram in context.Definition.Next)
        {
            await jobs.EnqueueRunAsync(connection, diagram, ChainTrigger, cancellationToken);
        }
    }

    /// <summary>
    /// Asks for a run of 23 (the feed configuration) when an order feed read found no feed configured, unless the run
    /// was started by hand. A 23 already running (the start-up sequence) makes it a no-op.
    /// </summary>
    public async Task ConfigureFeedAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TriggeredBy is not (Triggers.Scheduler or Triggers.Startup or ChainTrigger))
        {
            return;
        }

        var connection = context.Connection.Id;
        await jobs.EnqueueRunAsync(connection, FeedConfigDiagram, ChainTrigger, cancellationToken);
    }

    /// <summary>
    /// A check for "is this ERP product known", from the hub's SKU records; null when the hub keeps no SKUs for the
    /// connection (the catalogue diagrams have not run), in which case only the RefId's form is checked.
    /// </summary>
    public async Task<Func<int, bool>?> KnownProductsAsync(string connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Kind == SkuKind)
            .Select(r => r.ErpKey)
            .ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return null;
        }

        var set = keys.ToHashSet(StringComparer.Ordinal);
        return code => set.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Invoices of an order already accepted by VTEX (sum of their cents).</summary>
    public async Task<long> InvoicedCentsAsync(string connectionId, string orderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await InvoicedCentsInAsync(db, connectionId, orderId, cancellationToken);
    }

    /// <summary><see cref="InvoicedCentsAsync"/> on a context whose transaction may hold a mark not committed yet (the invoice step).</summary>
    public static async Task<long> InvoicedCentsInAsync(IpaasDbContext db, string connectionId, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sent = await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Kind == InvoiceKind && r.ParentKey == orderId && r.SentHash != null && r.SentHash == r.ContentHash)
            .ToListAsync(cancellationToken);
        return sent.Sum(r => HubStore.Read<HubInvoice>(r).TotalCents);
    }

    /// <summary>The record's order stage for messages: e.g. "Handling → Invoiced".</summary>
    public static string StageChange(OrderStage from, OrderStage to) => $"{from} → {to}";
}
