using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Orders;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// The "missing step" of an order, shared by the per-order alert rules and the stuck flag of the orders page, so both
/// always say the same (ADR-022):
/// <list type="bullet">
/// <item><see cref="AlertRuleKind.OrderNotInErp"/>: stage Received, Validated or CustomerReady, received more than N minutes ago
/// (Invalid is not counted: it has its own failed message and waits for a fix in VTEX);</item>
/// <item><see cref="AlertRuleKind.InvoiceNotInVtex"/>: stage InErp, Handling or PartiallyInvoiced with an invoice of the
/// order (hub record kind <c>invoice</c>, parent = orderId) not accepted by VTEX, issued in the ERP more than N minutes ago;</item>
/// <item><see cref="AlertRuleKind.CancelNotConfirmed"/>: stage ErpCanceled for more than N minutes.</item>
/// </list>
/// Every read seeks <c>HubOrders (ConnectionId, Stage, Id)</c> on the few in-flight stages, and invoices through
/// <c>HubRecords (ConnectionId, Kind, ParentKey)</c>: the message table is never read.
/// </summary>
public static class OrderStuckRules
{
    public static readonly AlertRuleKind[] Kinds = [AlertRuleKind.OrderNotInErp, AlertRuleKind.InvoiceNotInVtex, AlertRuleKind.CancelNotConfirmed];

    public static bool IsOrderRule(AlertRuleKind kind) => Kinds.Contains(kind);

    /// <summary>The stages in which an order can be missing the rule's step.</summary>
    public static OrderStage[] StagesOf(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.OrderNotInErp => [OrderStage.Received, OrderStage.Validated, OrderStage.CustomerReady],
        AlertRuleKind.InvoiceNotInVtex => [OrderStage.InErp, OrderStage.Handling, OrderStage.PartiallyInvoiced],
        AlertRuleKind.CancelNotConfirmed => [OrderStage.ErpCanceled],
        _ => [],
    };

    /// <summary>An order of a connection missing the rule's step, with the time its wait started.</summary>
    public sealed record StuckOrder(string OrderId, OrderStage Stage, DateTime SinceUtc);

    /// <summary>
    /// Every order of the connection missing the rule's step since before <paramref name="cutoffUtc"/>, oldest first (an
    /// order with several pending invoices once, by its oldest). Each is one alert episode (ADR-022 amendment); the rows
    /// are three narrow columns of the few in-flight orders, read through the stage index.
    /// </summary>
    public static async Task<IReadOnlyList<StuckOrder>> ListAsync(
        IpaasDbContext db, AlertRuleKind kind, string connectionId, DateTime cutoffUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsOrderRule(kind))
        {
            return [];
        }

        var stages = StagesOf(kind);
        var orders = db.HubOrders.AsNoTracking().Where(o => o.ConnectionId == connectionId && stages.Contains(o.Stage));
        IQueryable<StuckRow> stuck = kind switch
        {
            AlertRuleKind.OrderNotInErp => orders.Where(o => o.ReceivedAtUtc <= cutoffUtc).Select(o => new StuckRow { OrderId = o.OrderId, Stage = o.Stage, SinceUtc = o.ReceivedAtUtc }),
            AlertRuleKind.CancelNotConfirmed => orders.Where(o => o.StageChangedAtUtc <= cutoffUtc).Select(o => new StuckRow { OrderId = o.OrderId, Stage = o.Stage, SinceUtc = o.StageChangedAtUtc }),
            AlertRuleKind.InvoiceNotInVtex =>
                from o in orders
                from r in db.HubRecords
                where r.ConnectionId == o.ConnectionId && r.Kind == OrderFlow.InvoiceKind && r.ParentKey == o.OrderId
                    && (r.SentHash == null || r.SentHash != r.ContentHash) && r.ErpChangedAtUtc <= cutoffUtc
                select new StuckRow { OrderId = o.OrderId, Stage = o.Stage, SinceUtc = r.ErpChangedAtUtc },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an order rule."),
        };

        var rows = await stuck.ToListAsync(cancellationToken);
        return [.. rows.OrderBy(s => s.SinceUtc).ThenBy(s => s.OrderId, StringComparer.Ordinal).DistinctBy(s => s.OrderId)
            .Select(s => new StuckOrder(s.OrderId, s.Stage, s.SinceUtc))];
    }

    /// <summary>The query's row: a member-init type, so EF can translate the three shapes alike.</summary>
    private sealed class StuckRow
    {
        public string OrderId { get; init; } = "";

        public OrderStage Stage { get; init; }

        public DateTime SinceUtc { get; init; }
    }

    /// <summary>
    /// Which of <paramref name="orders"/> (one page of the orders page) are missing a step by the enabled order rules,
    /// and by which rule (the first that matches).
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, AlertRule>> FlagAsync(
        IpaasDbContext db, IReadOnlyList<HubOrder> orders, IReadOnlyList<AlertRule> rules, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(rules);
        var orderRules = rules.Where(r => r.Enabled && IsOrderRule(r.Kind)).ToList();
        var flagged = new Dictionary<long, AlertRule>();
        if (orderRules.Count == 0 || orders.Count == 0)
        {
            return flagged;
        }

        // Invoice issue times of the page's in-flight orders, one seek per order on (ConnectionId, Kind, ParentKey).
        var invoiceStages = StagesOf(AlertRuleKind.InvoiceNotInVtex);
        var invoiceCandidates = orders.Where(o => invoiceStages.Contains(o.Stage)).ToList();
        var pendingInvoices = new Dictionary<(string ConnectionId, string OrderId), DateTime>();
        if (invoiceCandidates.Count > 0 && orderRules.Any(r => r.Kind == AlertRuleKind.InvoiceNotInVtex))
        {
            foreach (var byConnection in invoiceCandidates.GroupBy(o => o.ConnectionId))
            {
                var connectionId = byConnection.Key;
                var ids = byConnection.Select(o => o.OrderId).ToList();
                var rows = await db.HubRecords.AsNoTracking()
                    .Where(r => r.ConnectionId == connectionId && r.Kind == OrderFlow.InvoiceKind && ids.Contains(r.ParentKey!)
                        && (r.SentHash == null || r.SentHash != r.ContentHash))
                    .Select(r => new { r.ParentKey, r.ErpChangedAtUtc })
                    .ToListAsync(cancellationToken);
                foreach (var row in rows)
                {
                    var key = (connectionId, row.ParentKey!);
                    pendingInvoices[key] = pendingInvoices.TryGetValue(key, out var seen) && seen < row.ErpChangedAtUtc ? seen : row.ErpChangedAtUtc;
                }
            }
        }

        foreach (var order in orders)
        {
            foreach (var rule in orderRules)
            {
                if (rule.ConnectionId is { } only && only != order.ConnectionId)
                {
                    continue;
                }

                var cutoff = nowUtc.AddMinutes(-rule.Minutes);
                var stuck = rule.Kind switch
                {
                    AlertRuleKind.OrderNotInErp => StagesOf(rule.Kind).Contains(order.Stage) && order.ReceivedAtUtc <= cutoff,
                    AlertRuleKind.CancelNotConfirmed => order.Stage == OrderStage.ErpCanceled && order.StageChangedAtUtc <= cutoff,
                    AlertRuleKind.InvoiceNotInVtex => pendingInvoices.TryGetValue((order.ConnectionId, order.OrderId), out var issued) && issued <= cutoff,
                    _ => false,
                };
                if (stuck)
                {
                    flagged[order.Id] = rule;
                    break;
                }
            }
        }

        return flagged;
    }
}
