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
/// Every action writes an audit entry, and moves the messages' hourly counters (ADR-021), in the same transaction as the
/// state change.
/// </summary>
public sealed class MessageActions(IDbContextFactory<IpaasDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider time)
{
    public const string RequeueAction = "requeue";
    public const string DiscardAction = "discard";

    /// <summary>Re-queues failed messages. Returns how many moved to Requeued (others were not Failed any more).</summary>
    public async Task<int> RequeueAsync(IReadOnlyCollection<Guid> messageIds, string userName, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        var requeued = new List<Guid>(messageIds.Count);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var chunk in messageIds.Distinct().Chunk(500))
            {
                var eligible = await MessageCounts.InTransitionAsync(db, async () =>
                {
                    db.ChangeTracker.Clear();
                    var now = time.GetUtcNow().UtcDateTime;
                    var ids = chunk.ToList();
                    var found = await db.Messages.WhereMessageIdIn(ids).Where(m => m.Situation == MessageSituation.Failed)
                        .Select(m => new { m.Id, m.MessageId, m.ConnectionId, m.Diagram, m.ReceivedAtUtc }).ToListAsync(cancellationToken);
                    var rowIds = found.Select(m => m.Id).ToList();
                    await db.Messages.Where(m => EF.Parameter(rowIds).Contains(m.Id) && m.Situation == MessageSituation.Failed)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, MessageSituation.Requeued).SetProperty(m => m.UpdatedAtUtc, now), cancellationToken);
                    await MessageCounts.MoveAsync(
                        db, found.Select(m => new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc)), MessageSituation.Failed, MessageSituation.Requeued, cancellationToken);
                    var moved = found.Select(m => m.MessageId).ToList();
                    db.Audit.AddRange(moved.Select(id => new AuditEntry
                    {
                        AtUtc = now,
                        UserName = userName,
                        Action = RequeueAction,
                        TargetType = "message",
                        TargetId = id.ToString(),
                        Reason = reason,
                    }));
                    await db.SaveChangesAsync(cancellationToken);
                    return moved;
                }, cancellationToken);
                requeued.AddRange(eligible);
            }
        }

        foreach (var id in requeued)
        {
            jobs.Enqueue<DiagramRunner>(r => r.ProcessMessageAsync(id, userName, CancellationToken.None));
        }

        return requeued.Count;
    }

    public async Task<bool> RequeueAsync(Guid messageId, string userName, CancellationToken cancellationToken) =>
        await RequeueAsync([messageId], userName, null, cancellationToken) == 1;

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
                .Select(m => new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc)).ToListAsync(cancellationToken);
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
}
