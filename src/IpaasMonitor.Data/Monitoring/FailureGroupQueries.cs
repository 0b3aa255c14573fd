using System.Text.Json;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// The failure groups (<c>/falhas</c>, ADR-017): the unresolved failures by normalized cause. The page reads the small
/// <see cref="FailureGroup"/> summary, whatever the size of the store; <see cref="RefreshAsync"/> rebuilds the summary
/// from the partial index of unresolved failures by cause (<c>IX_Messages_FailedByCause</c>, index only), and first
/// gives a cause key to failures recorded before there was one (a backfill, bounded per refresh).
/// </summary>
public sealed class FailureGroupQueries(IDbContextFactory<IpaasDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The order diagrams, whose groups also tell the orders held and their value.</summary>
    public const int FirstOrderDiagram = 23;

    /// <summary>The last order diagram.</summary>
    public const int LastOrderDiagram = 38;

    /// <summary>Failures without a cause key given one per backfill step.</summary>
    public const int BackfillBatchSize = 2_000;

    /// <summary>Backfill steps per refresh, so one refresh stays short on a store that predates cause keys.</summary>
    public const int BackfillStepsPerRefresh = 50;

    /// <summary>A refresh asked for sooner than this after the last one is skipped (the page's button, a busy desk).</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(10);

    // One refresh at a time per store (several stores live in one process in tests).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Refreshing = new(StringComparer.Ordinal);

    /// <summary>The open groups (with unresolved failures), most failures first; optionally of one diagram.</summary>
    public async Task<IReadOnlyList<FailureGroup>> GetGroupsAsync(int? diagram, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.FailureGroups.AsNoTracking().Where(g => g.Failures > 0);
        if (diagram is { } d)
        {
            query = query.Where(g => g.Diagram == d);
        }

        return await query.OrderByDescending(g => g.Failures).ThenByDescending(g => g.LastSeenUtc).ToListAsync(cancellationToken);
    }

    /// <summary>One group (open or closed), or null.</summary>
    public async Task<FailureGroup?> GetGroupAsync(string causeKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FailureGroups.AsNoTracking().SingleOrDefaultAsync(g => g.CauseKey == causeKey, cancellationToken);
    }

    /// <summary>When the summary was last rebuilt (null: never).</summary>
    public async Task<DateTime?> LastRefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FailureGroups.MaxAsync(g => (DateTime?)g.RefreshedAtUtc, cancellationToken);
    }

    /// <summary>The live count of a group's unresolved failures: an index range of the partial index by cause.</summary>
    public async Task<int> CountAsync(string causeKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await UnresolvedFailures.Where(db.Messages).CountAsync(m => m.CauseKey == causeKey, cancellationToken);
    }

    /// <summary>The row ids of a group's unresolved failures (a group re-queue or discard collects them).</summary>
    public static IQueryable<long> RowIdsOf(IpaasDbContext db, string causeKey)
    {
        ArgumentNullException.ThrowIfNull(db);
        return UnresolvedFailures.Where(db.Messages).Where(m => m.CauseKey == causeKey).OrderBy(m => m.Id).Select(m => m.Id);
    }

    /// <summary>
    /// Brings the summary up to date. Returns false when skipped (another refresh runs, or one ended less than
    /// <see cref="MinimumRefreshInterval"/> ago and <paramref name="force"/> is false). Incremental (ADR-017 amendment 2):
    /// only the groups marked as changed since the last refresh (<see cref="FailureGroupChange"/>) are recomputed, each
    /// from its own range of the partial index by cause; a full rebuild only when asked for by the
    /// <see cref="FailureGroupChanges.All"/> mark (a new store, or one migrated to the change marks).
    /// </summary>
    public async Task<bool> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        string store;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            store = db.Database.GetConnectionString() ?? "";
        }

        var gate = Refreshing.GetOrAdd(store, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(force ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return false;
        }

        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (!force && await LastRefreshAsync(cancellationToken) is { } last && now - last < MinimumRefreshInterval)
            {
                return false;
            }

            List<FailureGroupChange> changes;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                changes = await db.FailureGroupChanges.AsNoTracking().OrderBy(c => c.Id).Take(MaxChangesPerRefresh).ToListAsync(cancellationToken);
            }

            if (changes.Any(c => c.CauseKey == FailureGroupChanges.All))
            {
                // A store that predates cause keys gets them all now, before the groups are counted.
                var backfilled = -1;
                while (backfilled != 0)
                {
                    backfilled = await BackfillCauseKeysAsync(cancellationToken);
                }

                await RebuildAsync(now, keys: null, changes, cancellationToken);
            }
            else
            {
                await RebuildAsync(now, [.. changes.Select(c => c.CauseKey).Distinct(StringComparer.Ordinal)], changes, cancellationToken);
            }

            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Change marks read per refresh; more wait for the next one.</summary>
    public const int MaxChangesPerRefresh = 20_000;

    /// <summary>Gives a cause key to unresolved failures that have none (recorded before ADR-017); returns how many.</summary>
    public async Task<int> BackfillCauseKeysAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var step = 0; step < BackfillStepsPerRefresh; step++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

            // The partial index by cause starts with CauseKey: the NULL keys are its first range.
            var rows = await Unresolved(db).Where(m => m.CauseKey == null)
                .Select(m => new { m.Id, m.Diagram, m.Component, m.LastError }).Take(BackfillBatchSize).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            // Re-runnable as a whole (each update skips rows already keyed), as a retrying execution strategy needs.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var byKey in rows.GroupBy(r => FailureCause.KeyOf(r.Diagram, r.Component, r.LastError)))
                {
                    var ids = byKey.Select(r => r.Id).ToList();
                    var key = byKey.Key;
                    await db.Messages.Where(m => EF.Parameter(ids).Contains(m.Id) && m.CauseKey == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.CauseKey, key), cancellationToken);
                }

                await FailureGroupChanges.MarkAsync(db, rows.GroupBy(r => FailureCause.KeyOf(r.Diagram, r.Component, r.LastError)).Select(g => g.Key), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            total += rows.Count;
        }

        return total;
    }

    /// <summary>
    /// The unresolved failures, read through the partial index by cause. On SQLite, which keeps no statistics, the
    /// planner otherwise preferred the (Situation, ReceivedAtUtc) index for <c>CauseKey = …</c> or <c>IS NULL</c>: a walk
    /// of every unresolved failure and its table row (16–40 s at 10M, bench/README.md), so the index is named.
    /// </summary>
    private static IQueryable<IntegrationMessage> Unresolved(IpaasDbContext db) => db.Database.IsSqlite()
        ? db.Messages.FromSqlRaw(
            $"SELECT * FROM \"Messages\" INDEXED BY \"{Configurations.IntegrationMessageConfiguration.FailedByCauseIndex}\" WHERE \"Situation\" = {(int)UnresolvedFailures.Situation}")
            .AsNoTracking()
        : UnresolvedFailures.Where(db.Messages.AsNoTracking());

    // Recomputes the groups of the given keys (all groups when null) and deletes the change marks it acted on, in one
    // transaction with the groups' rows. A change recorded after the marks were read has a mark of its own, left for
    // the next refresh; a change whose mark was read had committed before, so the recomputation sees it.
    private async Task RebuildAsync(DateTime now, IReadOnlyList<string>? keys, IReadOnlyList<FailureGroupChange> changes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var stats = new List<GroupStat>();
        var connections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in keys is null ? [(List<string>?)null] : keys.Chunk(KeysPerRead).Select(c => (List<string>?)c.ToList()))
        {
            var failed = Unresolved(db).Where(m => m.CauseKey != null);
            if (chunk is not null)
            {
                failed = failed.Where(m => chunk.Contains(m.CauseKey!));
            }

            // One aggregate over the partial index (CauseKey, ConnectionId, BusinessKey, ReceivedAtUtc), per group and
            // connection: an item is a business key of one connection, so a group's items are the sum of its
            // connections' distinct keys.
            var perConnection = await failed.GroupBy(m => new { Key = m.CauseKey!, m.ConnectionId })
                .Select(g => new
                {
                    g.Key.Key,
                    g.Key.ConnectionId,
                    Count = g.Count(),
                    Items = g.Select(m => m.BusinessKey).Distinct().Count(),
                    First = g.Min(m => m.ReceivedAtUtc),
                    Last = g.Max(m => m.ReceivedAtUtc),
                    NewestId = g.Max(m => m.Id),
                })
                .ToListAsync(cancellationToken);
            foreach (var byKey in perConnection.GroupBy(c => c.Key))
            {
                stats.Add(new GroupStat(byKey.Key, byKey.Sum(c => c.Count), byKey.Sum(c => c.Items), byKey.Min(c => c.First), byKey.Max(c => c.Last), byKey.Max(c => c.NewestId)));
                connections[byKey.Key] = string.Join(", ", byKey.Select(c => c.ConnectionId).Order(StringComparer.Ordinal));
            }
        }

        var newestIds = stats.Select(s => s.NewestId).ToList();
        var examples = new Dictionary<long, Example>();
        foreach (var chunk in newestIds.Chunk(KeysPerRead).Select(c => c.ToList()))
        {
            foreach (var e in await db.Messages.AsNoTracking().Where(m => chunk.Contains(m.Id))
                         .Select(m => new Example(m.Id, m.MessageId, m.Diagram, m.Component, m.LastError)).ToListAsync(cancellationToken))
            {
                examples[e.Id] = e;
            }
        }

        var orders = await OrdersHeldAsync(db, [.. examples.Values.Where(e => e.Diagram is >= FirstOrderDiagram and <= LastOrderDiagram)
            .Select(e => stats.First(s => s.NewestId == e.Id).Key)], cancellationToken);

        var changed = keys is null ? null : new HashSet<string>(keys, StringComparer.Ordinal);
        var groups = await db.FailureGroups.Where(g => changed == null || changed.Contains(g.CauseKey)).ToDictionaryAsync(g => g.CauseKey, cancellationToken);
        foreach (var group in groups.Values)
        {
            group.Failures = 0;
            group.Items = 0;
            group.Orders = 0;
            group.OrdersValueCents = 0;
        }

        foreach (var stat in stats)
        {
            if (!examples.TryGetValue(stat.NewestId, out var example))
            {
                continue; // resolved or purged between the two reads: its change mark brings it to the next refresh
            }

            if (!groups.TryGetValue(stat.Key, out var group))
            {
                group = new FailureGroup { CauseKey = stat.Key };
                groups[stat.Key] = group;
                db.FailureGroups.Add(group);
            }

            group.Diagram = example.Diagram;
            group.Component = example.Component;
            group.Cause = FailureCause.Normalize(example.LastError);
            group.Failures = stat.Count;
            group.Items = stat.Items;
            group.Connections = Cut(connections.GetValueOrDefault(stat.Key, ""), FailureGroup.ConnectionsMaxLength);
            group.FirstSeenUtc = stat.First;
            group.LastSeenUtc = stat.Last;
            group.ExampleMessageId = example.MessageId;
            (group.Orders, group.OrdersValueCents) = orders.GetValueOrDefault(stat.Key);
            group.RefreshedAtUtc = now;
        }

        // The waits held behind each group: only when something changed (every change of a failure, a wait's or a parent's,
        // leaves a mark), from the small index of waits that name their parent (ADR-017 amendment 3).
        var held = changes.Count > 0 ? await HeldWaitsAsync(db, cancellationToken) : null;

        // Closed groups without a note are dropped; a note keeps its group (it comes back with the cause).
        db.FailureGroups.RemoveRange(groups.Values.Where(g => g.Failures == 0 && g.Note is null && db.Entry(g).State != EntityState.Added));
        var markIds = changes.Select(c => c.Id).ToList();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);

            // Every group's figures are as of now: those not recomputed did not change.
            await db.FailureGroups.ExecuteUpdateAsync(s => s.SetProperty(g => g.RefreshedAtUtc, now), cancellationToken);
            if (held is not null)
            {
                await ApplyHeldAsync(db, held, cancellationToken);
            }

            foreach (var chunk in markIds.Chunk(1_000).Select(c => c.ToList()))
            {
                await db.FailureGroupChanges.Where(c => chunk.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.AcceptAllChanges();
    }

    private const int KeysPerRead = 200;

    /// <summary>
    /// The unresolved failures that stand for a parent's item in <see cref="HeldWaitsAsync"/> and <see cref="ParentFailureOf"/>:
    /// Failed or Requeued (a pending re-queue has not reached VTEX yet either), read through <c>IX_Messages_OpenByItem</c>.
    /// </summary>
    private static IQueryable<IntegrationMessage> OpenFailures(IpaasDbContext db) => db.Database.IsSqlite()
        ? db.Messages.FromSqlRaw(
            $"SELECT * FROM \"Messages\" INDEXED BY \"{Configurations.IntegrationMessageConfiguration.OpenByItemIndex}\" WHERE \"Situation\" IN ({(int)MessageSituation.Failed}, {(int)MessageSituation.Requeued})")
            .AsNoTracking()
        : db.Messages.AsNoTracking().Where(m => m.Situation == MessageSituation.Failed || m.Situation == MessageSituation.Requeued);

    /// <summary>The unresolved waits that name their failed parent, read through <c>IX_Messages_WaitsByParent</c> (index only).</summary>
    private static IQueryable<IntegrationMessage> WaitsOnParents(IpaasDbContext db) => db.Database.IsSqlite()
        ? db.Messages.FromSqlRaw(
            $"SELECT * FROM \"Messages\" INDEXED BY \"{Configurations.IntegrationMessageConfiguration.WaitsByParentIndex}\" WHERE \"Situation\" = {(int)MessageSituation.Failed} AND \"ParentKey\" IS NOT NULL")
            .AsNoTracking()
        : db.Messages.AsNoTracking().Where(m => m.Situation == MessageSituation.Failed && m.ParentKey != null);

    /// <summary>
    /// The waits held behind each group, and the parent group of each group of waits, in two reads with fixed plans: the
    /// waits that name their parent, counted per parent item (one walk of <c>IX_Messages_WaitsByParent</c>, index only),
    /// then the open failures of those parent items (a seek each in <c>IX_Messages_OpenByItem</c>, by key lists). Its cost
    /// follows the number of unresolved waits on a failed parent and of their parents, never the size of the store.
    /// </summary>
    private static async Task<HeldWaits> HeldWaitsAsync(IpaasDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var perParent = await WaitsPerParentQuery(db).ToListAsync(cancellationToken);

        // The parent items' open failures and their groups (a parent may have more than one open failure).
        var groupsOfParent = new Dictionary<(string, int, string), HashSet<string>>();
        foreach (var byItem in perParent.GroupBy(r => (r.ConnectionId, r.ParentDiagram)))
        {
            var (connection, diagram) = byItem.Key;
            foreach (var chunk in byItem.Select(r => r.ParentKey).Distinct(StringComparer.Ordinal).Chunk(KeysPerRead).Select(c => c.ToList()))
            {
                foreach (var failure in await OpenFailuresOfQuery(db, connection, diagram, chunk).ToListAsync(cancellationToken))
                {
                    var key = (connection, diagram, failure.BusinessKey);
                    if (!groupsOfParent.TryGetValue(key, out var causes))
                    {
                        groupsOfParent[key] = causes = new HashSet<string>(StringComparer.Ordinal);
                    }

                    causes.Add(failure.CauseKey);
                }
            }
        }

        var held = perParent
            .Where(r => r.Wait is not null)
            .SelectMany(r => groupsOfParent.GetValueOrDefault((r.ConnectionId, r.ParentDiagram, r.ParentKey)) ?? [], (r, parent) => (Parent: parent, Wait: r.Wait!, r.Waits, r.Items))
            .ToList();
        var byParent = held.GroupBy(r => r.Parent, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Waits: g.Sum(r => r.Waits), Items: g.Sum(r => r.Items)), StringComparer.Ordinal);
        var parentOfWaits = held.GroupBy(r => r.Wait, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(r => r.Parent, StringComparer.Ordinal).OrderByDescending(p => p.Sum(r => r.Waits)).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key,
                StringComparer.Ordinal);
        return new HeldWaits(byParent, parentOfWaits);
    }

    /// <summary>
    /// The unresolved waits that name a failed parent, counted per parent item, group of waits and waiting diagram: a walk of
    /// <c>IX_Messages_WaitsByParent</c> (index only) and a GROUP BY of its entries.
    /// </summary>
    public static IQueryable<WaitsOnParent> WaitsPerParentQuery(IpaasDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return WaitsOnParents(db)
            .GroupBy(w => new { w.ConnectionId, ParentDiagram = w.ParentDiagram!.Value, ParentKey = w.ParentKey!, Wait = w.CauseKey, w.Diagram })
            .Select(g => new WaitsOnParent(g.Key.ConnectionId, g.Key.ParentDiagram, g.Key.ParentKey, g.Key.Wait, g.Count(), g.Select(w => w.BusinessKey).Distinct().Count()));
    }

    /// <summary>The open failures (with a cause key) of these parent items of one connection and diagram: seeks in <c>IX_Messages_OpenByItem</c>.</summary>
    public static IQueryable<OpenParentFailure> OpenFailuresOfQuery(IpaasDbContext db, string connectionId, int diagram, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        return OpenFailures(db)
            .Where(p => p.ConnectionId == connectionId && p.Diagram == diagram && list.Contains(p.BusinessKey!) && p.CauseKey != null)
            .Select(p => new OpenParentFailure(p.BusinessKey!, p.CauseKey!));
    }

    /// <summary>A row of <see cref="WaitsPerParentQuery"/>.</summary>
    public sealed record WaitsOnParent(string ConnectionId, int ParentDiagram, string ParentKey, string? Wait, int Waits, int Items);

    /// <summary>A row of <see cref="OpenFailuresOfQuery"/>.</summary>
    public sealed record OpenParentFailure(string BusinessKey, string CauseKey);

    /// <summary>What <see cref="HeldWaitsAsync"/> found: per parent group its held waits and items; per group of waits its parent group.</summary>
    private sealed record HeldWaits(
        IReadOnlyDictionary<string, (int Waits, int Items)> ByParent,
        IReadOnlyDictionary<string, string> ParentOfWaits);

    // Writes the held figures on every group: cleared where they were set, then set where found (a few groups each).
    private static async Task ApplyHeldAsync(IpaasDbContext db, HeldWaits held, CancellationToken cancellationToken)
    {
        await db.FailureGroups.Where(g => g.HeldWaits != 0 || g.HeldItems != 0 || g.ParentCauseKey != null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.HeldWaits, 0).SetProperty(g => g.HeldItems, 0).SetProperty(g => g.ParentCauseKey, (string?)null), cancellationToken);
        foreach (var (key, (waits, items)) in held.ByParent)
        {
            await db.FailureGroups.Where(g => g.CauseKey == key)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.HeldWaits, waits).SetProperty(g => g.HeldItems, items), cancellationToken);
        }

        foreach (var (key, parent) in held.ParentOfWaits)
        {
            await db.FailureGroups.Where(g => g.CauseKey == key).ExecuteUpdateAsync(s => s.SetProperty(g => g.ParentCauseKey, parent), cancellationToken);
        }
    }

    /// <summary>
    /// The parent's failure that holds each of these waits (ADR-017 amendment 3), by row id: the newest open failure of the
    /// parent's item (one seek each in <c>IX_Messages_OpenByItem</c>), so it follows the parent's failure when it changes
    /// cause; <see cref="ParentFailure.MessageId"/> null when the parent has no open failure any more (healed, discarded).
    /// Rows that are not waits on a failed parent are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ParentFailure>> ParentFailuresAsync(IReadOnlyCollection<long> rowIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        var result = new Dictionary<long, ParentFailure>();
        if (rowIds.Count == 0)
        {
            return result;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = rowIds.Distinct().ToList();
        var waits = await db.Messages.AsNoTracking().Where(m => EF.Parameter(ids).Contains(m.Id) && m.ParentKey != null && m.ParentDiagram != null)
            .Select(m => new { m.Id, m.ConnectionId, m.ParentDiagram, m.ParentKey }).ToListAsync(cancellationToken);
        foreach (var wait in waits)
        {
            result[wait.Id] = await ParentFailureOf(db, wait.ConnectionId, wait.ParentDiagram!.Value, wait.ParentKey!, cancellationToken);
        }

        return result;
    }

    private static async Task<ParentFailure> ParentFailureOf(IpaasDbContext db, string connectionId, int diagram, string key, CancellationToken cancellationToken)
    {
        var open = await OpenFailures(db).Where(p => p.ConnectionId == connectionId && p.Diagram == diagram && p.BusinessKey == key)
            .OrderByDescending(p => p.Id).Select(p => new { p.MessageId, p.CauseKey }).FirstOrDefaultAsync(cancellationToken);
        return new ParentFailure(diagram, key, open?.MessageId, open?.CauseKey);
    }

    private sealed record GroupStat(string Key, int Count, int Items, DateTime First, DateTime Last, long NewestId);

    private sealed record Example(long Id, Guid MessageId, int Diagram, string Component, string? LastError);

    // Orders held by the order groups' failures: their distinct order ids (the correlation id), and the value of each
    // from the hub's order (the normalised order's total in cents, when the order got that far).
    private static async Task<Dictionary<string, (int Orders, long Cents)>> OrdersHeldAsync(IpaasDbContext db, List<string> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, (int, long)>();
        if (keys.Count == 0)
        {
            return result;
        }

        var pairs = await Unresolved(db)
            .Where(m => keys.Contains(m.CauseKey!) && m.CorrelationId != null)
            .Select(m => new { Key = m.CauseKey!, Order = m.CorrelationId!, m.ConnectionId }).Distinct().ToListAsync(cancellationToken);
        var orderIds = pairs.Select(p => p.Order).Distinct().ToList();
        var contents = new Dictionary<(string, string), long>();
        foreach (var chunk in orderIds.Chunk(1_000))
        {
            var ids = chunk.ToList();
            var found = await db.HubOrders.AsNoTracking().Where(o => EF.Parameter(ids).Contains(o.OrderId))
                .Select(o => new { o.ConnectionId, o.OrderId, o.Content }).ToListAsync(cancellationToken);
            foreach (var order in found)
            {
                contents[(order.ConnectionId, order.OrderId)] = TotalCents(order.Content);
            }
        }

        foreach (var byKey in pairs.GroupBy(p => p.Key))
        {
            var distinct = byKey.DistinctBy(p => (p.ConnectionId, p.Order)).ToList();
            result[byKey.Key] = (distinct.Count, distinct.Sum(p => contents.GetValueOrDefault((p.ConnectionId, p.Order))));
        }

        return result;
    }

    // The normalised order's "totalCents" (any casing); 0 when the order has no content yet or it is unreadable.
    private static long TotalCents(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return 0;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("totalCents") || property.NameEquals("TotalCents"))
                {
                    return property.Value.TryGetInt64(out var cents) ? cents : 0;
                }
            }
        }
        catch (JsonException)
        {
            return 0; // an unreadable order has no known value; its failure says why
        }

        return 0;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
