using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Alerts;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>The filters of the orders page (<c>/pedidos</c>).</summary>
/// <param name="Stage">Only this stage.</param>
/// <param name="ConnectionId">Only this connection.</param>
/// <param name="MinAgeMinutes">Only orders received at least this many minutes ago.</param>
/// <param name="StuckOnly">Only orders missing a step by an enabled order rule (the alert rules' stages).</param>
/// <param name="BeforeId">Keyset: orders with a smaller id (the next, older page).</param>
public sealed record OrderListFilter(OrderStage? Stage = null, string? ConnectionId = null, int? MinAgeMinutes = null, bool StuckOnly = false, long? BeforeId = null);

/// <summary>One row of the orders page: the order, and the rule whose step it misses (null when it is not stuck).</summary>
public sealed record OrderListRow(HubOrder Order, AlertRule? StuckBy);

/// <summary>One page of the orders page; <see cref="NextBeforeId"/> is null on the last page.</summary>
public sealed record OrderListPage(IReadOnlyList<OrderListRow> Rows, long? NextBeforeId);

/// <summary>
/// The orders page's read: newest first, keyset-paged by id, each filter served by an index of <c>HubOrders</c>
/// (<c>(ConnectionId, Stage, Id)</c>, <c>(Stage, Id)</c>, <c>(ConnectionId, Id)</c> or the key), so a page costs the same at
/// a million orders as at a hundred. The stuck flag comes from <see cref="OrderStuckRules"/>, the same test as the alerts.
/// </summary>
public sealed class OrderListQuery(IDbContextFactory<IpaasDbContext> dbFactory, AlertClock clock)
{
    public const int PageSize = 50;

    /// <summary>Rows read at most to fill one page of stuck orders (the stuck filter is applied after the index read).</summary>
    public const int StuckScanLimit = 2_000;

    public async Task<OrderListPage> PageAsync(OrderListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.AlertRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
        var orderRules = rules.Where(r => OrderStuckRules.IsOrderRule(r.Kind)).ToList();
        if (filter.StuckOnly && orderRules.Count == 0)
        {
            return new OrderListPage([], null);
        }

        var query = db.HubOrders.AsNoTracking();
        if (filter.ConnectionId is { Length: > 0 } connection)
        {
            query = query.Where(o => o.ConnectionId == connection);
        }

        if (filter.Stage is { } stage)
        {
            query = query.Where(o => o.Stage == stage);
        }
        else if (filter.StuckOnly)
        {
            var stages = orderRules.SelectMany(r => OrderStuckRules.StagesOf(r.Kind)).Distinct().ToList();
            query = query.Where(o => stages.Contains(o.Stage));
        }

        if (filter.MinAgeMinutes is > 0 and var minutes)
        {
            var receivedBefore = now.AddMinutes(-minutes);
            query = query.Where(o => o.ReceivedAtUtc <= receivedBefore);
        }

        var rows = new List<OrderListRow>();
        var before = filter.BeforeId;
        var scanned = 0;
        while (true)
        {
            var chunkQuery = before is { } id ? query.Where(o => o.Id < id) : query;
            var chunk = await chunkQuery.OrderByDescending(o => o.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
            var more = chunk.Count > PageSize;
            if (more)
            {
                chunk.RemoveAt(chunk.Count - 1);
            }

            var flags = await OrderStuckRules.FlagAsync(db, chunk, orderRules, now, cancellationToken);
            foreach (var order in chunk)
            {
                var stuckBy = flags.GetValueOrDefault(order.Id);
                if (!filter.StuckOnly || stuckBy is not null)
                {
                    rows.Add(new OrderListRow(order, stuckBy));
                }

                before = order.Id;
                if (rows.Count == PageSize)
                {
                    return new OrderListPage(rows, more || order != chunk[^1] ? order.Id : null);
                }
            }

            scanned += chunk.Count;
            if (!more || !filter.StuckOnly || scanned >= StuckScanLimit)
            {
                return new OrderListPage(rows, more ? before : null);
            }
        }
    }
}
