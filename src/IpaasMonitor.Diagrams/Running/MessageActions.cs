using Hangfire;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// What support staff do to messages. Re-queue is durable: the Requeued state is written first (a conditional
/// update from Failed), then a Hangfire job is enqueued; if the process dies in between, the sweeper enqueues it.
/// Every action writes an audit entry in the same transaction as the state change. Only Failed messages are re-queued
/// or discarded: a Resolved one (a later message of the item was processed) is refused (ADR-017). The operator's name is
/// stored with the re-queue (<see cref="IntegrationMessage.RequeuedBy"/>), so every attempt is recorded in it.
/// Every change of situation moves the messages' hourly counters (ADR-021) in the same transaction.
/// </summary>
public sealed class MessageActions(IDbContextFactory<IpaasDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider time)
{
    public const string RequeueAction = "requeue";
    public const string DiscardAction = "discard";
    public const string DiscardGroupAction = "discard-group";

    /// <summary>Re-queues failed messages. Returns how many moved to Requeued (others were not Failed any more).</summary>
    public async Task<int> RequeueAsync(IReadOnlyCollection<Guid> messageIds, string userName, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var rowIds = new List<long>(messageIds.Count);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var chunk in messageIds.Distinct().Chunk(500))
            {
                rowIds.AddRange(await db.Messages.WhereMessageIdIn(chunk.ToList()).Select(m => m.Id).ToListAsync(cancellationToken));
            }
        }

        return (await RequeueRowsAsync(rowIds, userName, reason, cancellationToken)).Count;
    }

    /// <summary>
    /// Re-queues the failed messages among the given row ids (Failed → Requeued, a conditional update, with the operator's
    /// name and an audit entry each), then enqueues one job per (connection, diagram) (<see cref="RequeueJobs"/>). Returns the row ids re-queued; the others were not Failed
    /// (resolved, discarded, already re-queued, gone) and are left alone.
    /// </summary>
    public async Task<IReadOnlyList<long>> RequeueRowsAsync(IReadOnlyCollection<long> rowIds, string userName, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var requeued = new List<(long Id, RequeuedMessage Message)>(rowIds.Count);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var chunk in rowIds.Distinct().Chunk(500))
            {
                var moved = await MessageCounts.InTransitionAsync(db, async () =>
                {
                    db.ChangeTracker.Clear();
                    var now = time.GetUtcNow().UtcDateTime;
                    var ids = chunk.ToList();
                    var candidates = await db.Messages.Where(m => EF.Parameter(ids).Contains(m.Id) && m.Situation == MessageSituation.Failed)
                        .OrderBy(m => m.Id)
                        .Select(m => new { m.Id, m.MessageId, m.ConnectionId, m.Diagram, m.ReceivedAtUtc, m.CauseKey, m.Component, m.BusinessKey }).ToListAsync(cancellationToken);

                    // One conditional update per message, in id order: when several nodes re-queue the same messages at once
                    // (each node steps the bulk re-queues), PostgreSQL's read committed lets them all read a message as
                    // Failed, but only the update that moved it moves its counter and writes its audit entry (ADR-026).
                    var movedIds = new HashSet<long>();
                    foreach (var id in candidates.Select(m => m.Id))
                    {
                        if (await db.Messages.Where(m => m.Id == id && m.Situation == MessageSituation.Failed)
                                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, MessageSituation.Requeued).SetProperty(m => m.UpdatedAtUtc, now)
                                    .SetProperty(m => m.RequeuedBy, userName), cancellationToken) == 1)
                        {
                            movedIds.Add(id);
                        }
                    }

                    var found = candidates.Where(m => movedIds.Contains(m.Id)).ToList();

                    await MessageCounts.MoveAsync(
                        db, found.Select(m => new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc, m.CauseKey)), MessageSituation.Failed, MessageSituation.Requeued, cancellationToken);
                    db.Audit.AddRange(found.Select(m => new AuditEntry
                    {
                        AtUtc = now,
                        UserName = userName,
                        Action = RequeueAction,
                        TargetType = "message",
                        TargetId = m.MessageId.ToString(),
                        Reason = reason,
                    }));
                    await db.SaveChangesAsync(cancellationToken);
                    return found.Select(m => (m.Id, new RequeuedMessage(m.MessageId, m.ConnectionId, m.Diagram, m.Component, m.BusinessKey))).ToList();
                }, cancellationToken);
                requeued.AddRange(moved);
            }
        }

        // One job per diagram, whatever the number of messages (ADR-027); the operator's name is on each message.
        RequeueJobs.Enqueue(jobs, requeued.Select(r => r.Message), userName);

        return requeued.Select(r => r.Id).ToList();
    }

    public async Task<bool> RequeueAsync(Guid messageId, string userName, CancellationToken cancellationToken) =>
        await RequeueAsync([messageId], userName, null, cancellationToken) == 1;

    /// <summary>
    /// Why a message cannot be re-queued, or null when it can (it is Failed). A resolved message names the newer message
    /// that resolved it: an old stock level or price must never overwrite a newer one, not even by a re-queue (ADR-017).
    /// </summary>
    public async Task<RequeueRefusal?> RefusalAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Messages.AsNoTracking().WhereMessageId(messageId)
            .Select(m => new { m.Situation, m.ResolvedByMessageId, m.ResolvedAtUtc }).SingleOrDefaultAsync(cancellationToken);
        return found switch
        {
            null => new RequeueRefusal(MessageSituation.Discarded, null, null),
            { Situation: MessageSituation.Failed } => null,
            _ => new RequeueRefusal(found.Situation, found.ResolvedByMessageId, found.ResolvedAtUtc),
        };
    }

    /// <summary>Discards a failed message with a reason (Failed → Discarded). Returns false when it was not Failed.</summary>
    public async Task<bool> DiscardAsync(Guid messageId, string userName, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("Informe o motivo do descarte.", nameof(reason));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await MessageCounts.InTransitionAsync(db, async () =>
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow().UtcDateTime;
            var found = await db.Messages.WhereMessageId(messageId).Where(m => m.Situation == MessageSituation.Failed)
                .Select(m => new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc, m.CauseKey)).ToListAsync(cancellationToken);
            var changed = await db.Messages.WhereMessageId(messageId).Where(m => m.Situation == MessageSituation.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, MessageSituation.Discarded).SetProperty(m => m.UpdatedAtUtc, now), cancellationToken);
            if (changed == 0)
            {
                return false;
            }

            await MessageCounts.MoveAsync(db, found, MessageSituation.Failed, MessageSituation.Discarded, cancellationToken);
            db.Audit.Add(new AuditEntry
            {
                AtUtc = now,
                UserName = userName,
                Action = DiscardAction,
                TargetType = "message",
                TargetId = messageId.ToString(),
                Reason = reason.Trim(),
            });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Discards every unresolved failure of a failure group (by cause key) with a reason: Failed → Discarded in chunks, an
    /// audit entry per message and one for the group with the count. Returns how many were discarded.
    /// </summary>
    public async Task<int> DiscardGroupAsync(string causeKey, string userName, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(causeKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("Informe o motivo do descarte.", nameof(reason));
        }

        var total = 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var discarded = await MessageCounts.InTransitionAsync(db, async () =>
            {
                db.ChangeTracker.Clear();
                var now = time.GetUtcNow().UtcDateTime;
                var found = await db.Messages.Where(m => m.Situation == MessageSituation.Failed && m.CauseKey == causeKey)
                    .OrderBy(m => m.Id).Select(m => new { m.Id, m.MessageId, m.ConnectionId, m.Diagram, m.ReceivedAtUtc, m.CauseKey }).Take(1_000).ToListAsync(cancellationToken);
                var ids = found.Select(m => m.Id).ToList();
                if (ids.Count > 0)
                {
                    await db.Messages.Where(m => EF.Parameter(ids).Contains(m.Id) && m.Situation == MessageSituation.Failed)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, MessageSituation.Discarded).SetProperty(m => m.UpdatedAtUtc, now), cancellationToken);
                    await MessageCounts.MoveAsync(
                        db, found.Select(m => new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc, m.CauseKey)), MessageSituation.Failed, MessageSituation.Discarded, cancellationToken);
                    db.Audit.AddRange(found.Select(m => new AuditEntry
                    {
                        AtUtc = now,
                        UserName = userName,
                        Action = DiscardAction,
                        TargetType = "message",
                        TargetId = m.MessageId.ToString(),
                        Reason = reason.Trim(),
                    }));
                }
                else
                {
                    db.Audit.Add(new AuditEntry
                    {
                        AtUtc = now,
                        UserName = userName,
                        Action = DiscardGroupAction,
                        TargetType = "failure-group",
                        TargetId = causeKey,
                        Reason = reason.Trim(),
                        Details = $"{total} mensagem(ns) descartada(s)",
                    });
                }

                await db.SaveChangesAsync(cancellationToken);
                return ids.Count;
            }, cancellationToken);
            total += discarded;
            if (discarded == 0)
            {
                return total;
            }
        }
    }
}

/// <summary>
/// Why a re-queue was refused: the message is no longer Failed; when <see cref="Situation"/> is Resolved,
/// <see cref="ResolvedBy"/> is the newer message of the same item that was processed.
/// </summary>
public sealed record RequeueRefusal(MessageSituation Situation, Guid? ResolvedBy, DateTime? ResolvedAtUtc);
