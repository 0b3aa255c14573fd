using System.Text.Json;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Bulk re-queues a support desk can trust (ADR-017): a selection, a failure group or everything a grid filter matches
/// becomes a <see cref="RequeueBatch"/> in the message store, and <see cref="StepAsync"/> (called by
/// <see cref="RequeueBatchProcessor"/>) works through it in throttled steps: collect the failures (no cap), re-queue a
/// few at a time in the operator's name (<see cref="MessageActions.RequeueRowsAsync"/>), never more than
/// <see cref="RequeueOptions.MaxInFlight"/> waiting at once, and follow each attempt to done or failed again. Messages
/// no longer Failed when their turn comes (resolved by a later message, discarded, re-queued by someone else) are
/// skipped and counted. Everything is in the store, so a restart resumes where it stopped.
/// </summary>
public sealed class RequeueBatches(
    IDbContextFactory<IpaasDbContext> dbFactory,
    MessageActions actions,
    MessageQueries queries,
    IOptionsMonitor<RequeueOptions> options,
    TimeProvider time,
    DiagramLeases leases)
{
    /// <summary>Audit action of a bulk re-queue (one entry for the batch, besides one per message re-queued).</summary>
    public const string RequeueBatchAction = "requeue-batch";

    /// <summary>The store-wide lease a step runs under (no connection is named so): one node steps the batches at a time.</summary>
    public const string StepLease = "_requeue-batches";

    /// <summary>Starts a batch of the selected messages (only the failed ones will be re-queued).</summary>
    public async Task<long> StartSelectionAsync(IReadOnlyCollection<Guid> messageIds, string userName, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rowIds = new List<long>(messageIds.Count);
        foreach (var chunk in messageIds.Distinct().Chunk(500))
        {
            rowIds.AddRange(await db.Messages.WhereMessageIdIn(chunk.ToList()).Select(m => m.Id).ToListAsync(cancellationToken));
        }

        // Through the execution strategy (a retrying one refuses any other transaction), re-runnable from a clean tracker.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var batch = NewBatch(userName, description);
            batch.Collected = true;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.RequeueBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            await AddItemsAsync(db, batch.Id, rowIds, cancellationToken);
            AddAudit(db, batch, rowIds.Count);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return batch.Id;
        });
    }

    /// <summary>Starts a batch of a failure group's unresolved failures (collected on the server).</summary>
    public Task<long> StartGroupAsync(string causeKey, string userName, string description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(causeKey);
        var batch = NewBatch(userName, description);
        batch.CauseKey = causeKey;
        return SaveUncollectedAsync(batch, cancellationToken);
    }

    /// <summary>Starts a batch of every failed message a grid filter matches, with no cap (collected on the server).</summary>
    public Task<long> StartFilterAsync(MessageFilter filter, string userName, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var batch = NewBatch(userName, description);
        batch.FilterJson = JsonSerializer.Serialize(filter with { Situations = [UnresolvedFailures.Situation] });
        return SaveUncollectedAsync(batch, cancellationToken);
    }

    /// <summary>A batch's progress, or null when unknown.</summary>
    public async Task<RequeueProgress?> ProgressAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.RequeueBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        return batch is null ? null : await ProgressOfAsync(db, batch, cancellationToken);
    }

    /// <summary>The newest batches with their progress.</summary>
    public async Task<IReadOnlyList<RequeueProgress>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batches = await db.RequeueBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(count).ToListAsync(cancellationToken);
        var result = new List<RequeueProgress>(batches.Count);
        foreach (var batch in batches)
        {
            result.Add(await ProgressOfAsync(db, batch, cancellationToken));
        }

        return result;
    }

    /// <summary>
    /// One step of the oldest unfinished batch: collect it if needed, settle the attempts that ended, re-queue the next
    /// few. Returns true when a batch had work (the caller pauses <see cref="RequeueOptions.Pause"/> and calls again).
    /// </summary>
    /// <remarks>
    /// Every node runs a <see cref="RequeueBatchProcessor"/>; a step runs under a store-wide lease (ADR-026), so one node at a
    /// time collects a batch and moves its items. Without it two nodes collected the same batch twice and each marked
    /// "skipped" the messages the other had just re-queued (the kill -9 soak of issue #16). A node that finds the lease held
    /// returns false: the holder is at work. A killed holder's lease is freed with its other leases.
    /// </remarks>
    public async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.RequeueBatches.AnyAsync(b => b.CompletedAtUtc == null, cancellationToken))
            {
                return false;
            }
        }

        var holder = Guid.NewGuid();
        if (!await leases.TryAcquireAsync(StepLease, 0, holder, cancellationToken))
        {
            return false;
        }

        using var renewal = new CancellationTokenSource();
        var renewing = leases.KeepRenewedAsync(StepLease, 0, holder, renewal.Token);
        try
        {
            return await StepUnderLeaseAsync(cancellationToken);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            await leases.ReleaseAsync(StepLease, 0, holder, CancellationToken.None);
        }
    }

    private async Task<bool> StepUnderLeaseAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.RequeueBatches.Where(b => b.CompletedAtUtc == null).OrderBy(b => b.Id).FirstOrDefaultAsync(cancellationToken);
        if (batch is null)
        {
            return false;
        }

        if (!batch.Collected)
        {
            await CollectAsync(db, batch, cancellationToken);
            return true;
        }

        var inFlight = await SettleAsync(db, batch.Id, cancellationToken);
        var room = Math.Min(settings.StepSize, settings.MaxInFlight - inFlight);
        List<long> pending = room <= 0 ? [] : await db.RequeueBatchItems.AsNoTracking()
            .Where(i => i.BatchId == batch.Id && i.State == RequeueItemState.Pending)
            .OrderBy(i => i.MessageRowId).Select(i => i.MessageRowId).Take(room).ToListAsync(cancellationToken);
        if (pending.Count > 0)
        {
            // A wait whose parent still has an open failure would only wait again: it is held (counted), not re-queued;
            // re-queueing the parent's group is what unblocks it (ADR-017 amendment 3).
            var held = await HeldByParentAsync(db, pending, cancellationToken);
            var toRequeue = pending.Where(id => !held.Contains(id)).ToList();
            var requeued = toRequeue.Count == 0 ? [] : (await actions.RequeueRowsAsync(toRequeue, batch.RequestedBy, batch.Reason, cancellationToken)).ToHashSet();
            var skipped = toRequeue.Where(id => !requeued.Contains(id)).ToList();
            var sent = requeued.ToList();
            await SetStateAsync(db, batch.Id, sent, RequeueItemState.InFlight, cancellationToken);
            await SetStateAsync(db, batch.Id, skipped, RequeueItemState.Skipped, cancellationToken);
            await SetStateAsync(db, batch.Id, [.. held], RequeueItemState.HeldByParent, cancellationToken);
            return true;
        }

        if (inFlight == 0 && room > 0)
        {
            batch.CompletedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Of these rows, the failed waits whose parent's item still has an open failure (Failed, or Requeued and not sent yet):
    /// one seek per wait in <c>IX_Messages_OpenByItem</c>.
    /// </summary>
    private static async Task<HashSet<long>> HeldByParentAsync(IpaasDbContext db, List<long> rowIds, CancellationToken cancellationToken)
    {
        var parents = db.Messages;
        var held = await db.Messages.AsNoTracking()
            .Where(m => EF.Parameter(rowIds).Contains(m.Id) && m.Situation == MessageSituation.Failed && m.ParentKey != null
                && parents.Any(p => p.ConnectionId == m.ConnectionId && p.Diagram == m.ParentDiagram && p.BusinessKey == m.ParentKey
                    && (p.Situation == MessageSituation.Failed || p.Situation == MessageSituation.Requeued)))
            .Select(m => m.Id).ToListAsync(cancellationToken);
        return [.. held];
    }

    private static async Task<RequeueProgress> ProgressOfAsync(IpaasDbContext db, RequeueBatch batch, CancellationToken cancellationToken)
    {
        // Counts per state read from the (BatchId, State, MessageRowId) index.
        var counts = await db.RequeueBatchItems.AsNoTracking().Where(i => i.BatchId == batch.Id)
            .GroupBy(i => i.State).Select(g => new { State = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        int Of(RequeueItemState state) => counts.GetValueOrDefault(state);
        return new RequeueProgress(
            batch.Id, batch.CreatedAtUtc, batch.RequestedBy, batch.Description, batch.Collected, batch.CompletedAtUtc,
            Of(RequeueItemState.Pending), Of(RequeueItemState.InFlight), Of(RequeueItemState.Done), Of(RequeueItemState.FailedAgain), Of(RequeueItemState.Skipped))
        {
            HeldByParent = Of(RequeueItemState.HeldByParent),
        };
    }

    private RequeueBatch NewBatch(string userName, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(description);
        return new RequeueBatch
        {
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            RequestedBy = userName,
            Description = description.Length <= RequeueBatch.DescriptionMaxLength ? description : description[..RequeueBatch.DescriptionMaxLength],
        };
    }

    private static void AddAudit(IpaasDbContext db, RequeueBatch batch, int count) => db.Audit.Add(new AuditEntry
    {
        AtUtc = batch.CreatedAtUtc,
        UserName = batch.RequestedBy,
        Action = RequeueBatchAction,
        TargetType = "requeue-batch",
        TargetId = batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Reason = batch.Reason,
        Details = $"{batch.Description}: {count} mensagem(ns)",
    });

    // Rows in chunks; the composite key makes a repeated collection impossible to double.
    private static async Task AddItemsAsync(IpaasDbContext db, long batchId, IReadOnlyList<long> rowIds, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in rowIds.Distinct().Chunk(5_000))
        {
            db.RequeueBatchItems.AddRange(chunk.Select(id => new RequeueBatchItem { BatchId = batchId, MessageRowId = id, State = RequeueItemState.Pending }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private static Task SetStateAsync(IpaasDbContext db, long batchId, List<long> rowIds, RequeueItemState state, CancellationToken cancellationToken) =>
        rowIds.Count == 0
            ? Task.CompletedTask
            : db.RequeueBatchItems.Where(i => i.BatchId == batchId && EF.Parameter(rowIds).Contains(i.MessageRowId))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, state), cancellationToken);

    private async Task<long> SaveUncollectedAsync(RequeueBatch batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.RequeueBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return batch.Id;
    }

    // Writes the batch's items from its group or filter, once (a collection cut by a restart starts again from scratch).
    private async Task CollectAsync(IpaasDbContext db, RequeueBatch batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<long> rowIds;
        if (batch.CauseKey is { } causeKey)
        {
            rowIds = await FailureGroupQueries.RowIdsOf(db, causeKey).ToListAsync(cancellationToken);
        }
        else
        {
            var filter = JsonSerializer.Deserialize<MessageFilter>(batch.FilterJson ?? "{}") ?? MessageFilter.None;
            rowIds = await queries.GetRowIdsAsync(filter with { Situations = [UnresolvedFailures.Situation] }, cancellationToken);
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.RequeueBatchItems.Where(i => i.BatchId == batch.Id).ExecuteDeleteAsync(cancellationToken);
            await AddItemsAsync(db, batch.Id, rowIds, cancellationToken);
            batch.Collected = true;
            db.Attach(batch);
            db.Entry(batch).Property(b => b.Collected).IsModified = true;
            AddAudit(db, batch, rowIds.Count);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    // The in-flight items whose attempt has ended take its outcome; returns how many are still in flight.
    private static async Task<int> SettleAsync(IpaasDbContext db, long batchId, CancellationToken cancellationToken)
    {
        var inFlight = await (
            from i in db.RequeueBatchItems.AsNoTracking()
            where i.BatchId == batchId && i.State == RequeueItemState.InFlight
            join m in db.Messages.AsNoTracking() on i.MessageRowId equals m.Id into found
            from m in found.DefaultIfEmpty()
            select new { i.MessageRowId, Situation = m == null ? (MessageSituation?)null : m.Situation })
            .ToListAsync(cancellationToken);
        var ended = inFlight
            .Where(i => i.Situation is not (MessageSituation.Requeued or MessageSituation.Processing))
            .GroupBy(i => i.Situation switch
            {
                MessageSituation.Processed or MessageSituation.Resolved => RequeueItemState.Done,
                MessageSituation.Failed => RequeueItemState.FailedAgain,
                _ => RequeueItemState.Skipped,
            });
        var settled = 0;
        foreach (var group in ended)
        {
            var ids = group.Select(i => i.MessageRowId).ToList();
            await SetStateAsync(db, batchId, ids, group.Key, cancellationToken);
            settled += ids.Count;
        }

        return inFlight.Count - settled;
    }
}

/// <summary>Where a bulk re-queue stands.</summary>
public sealed record RequeueProgress(
    long Id,
    DateTime CreatedAtUtc,
    string RequestedBy,
    string Description,
    bool Collected,
    DateTime? CompletedAtUtc,
    int Pending,
    int InFlight,
    int Done,
    int FailedAgain,
    int Skipped)
{
    /// <summary>Waits not re-queued because their parent still has an open failure (ADR-017 amendment 3).</summary>
    public int HeldByParent { get; init; }

    public int Total => Pending + InFlight + Done + FailedAgain + Skipped + HeldByParent;
}
