using Hangfire;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Makes re-queue survive crashes and restarts, even with in-memory Hangfire storage: messages left Requeued
/// (job lost, or waiting for a running diagram) are enqueued again, and messages stuck in Processing (the worker
/// died mid-attempt) go back to Requeued. It runs on the maintenance queue's own workers, so long diagram runs holding
/// every default worker do not hold it back (ADR-027 amendment). Duplicated jobs are harmless: processing starts with a conditional claim. One
/// job per (connection, diagram) processes all its re-queued messages under one hold of the lease (ADR-027).
/// </summary>
public sealed class RequeueSweeper(IDbContextFactory<IpaasDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider time, ILogger<RequeueSweeper> logger)
{
    public const string RecurringJobId = "requeue-sweeper";

    /// <summary>A Requeued message untouched this long is enqueued again.</summary>
    public static readonly TimeSpan RequeuedGrace = TimeSpan.FromSeconds(30);

    /// <summary>A Processing message untouched this long is considered abandoned.</summary>
    public static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(15);

    /// <param name="atStartup">At start every Requeued message is enqueued: the previous process's jobs are gone.</param>
    /// <remarks>On the maintenance queue, whoever enqueues it: it must run while long diagram runs hold the default workers.</remarks>
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Maintenance)]
    [JobDisplayName("Varredura de reenfileiradas")]
    public async Task<int> SweepAsync(bool atStartup, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var stuckBefore = now - ProcessingTimeout;
        var abandoned = await MessageCounts.InTransitionAsync(db, async () =>
        {
            var stuck = await db.Messages
                .Where(m => m.Situation == MessageSituation.Processing && m.UpdatedAtUtc < stuckBefore)
                .Select(m => new { m.Id, m.ConnectionId, m.Diagram, m.ReceivedAtUtc })
                .ToListAsync(cancellationToken);
            if (stuck.Count == 0)
            {
                return 0;
            }

            var stuckIds = stuck.Select(m => m.Id).ToList();
            var moved = await db.Messages
                .Where(m => EF.Parameter(stuckIds).Contains(m.Id) && m.Situation == MessageSituation.Processing)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, MessageSituation.Requeued).SetProperty(m => m.UpdatedAtUtc, now), cancellationToken);
            await MessageCounts.MoveAsync(
                db, stuck.Select(m => new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc)), MessageSituation.Processing, MessageSituation.Requeued, cancellationToken);
            return moved;
        }, cancellationToken);

        var requeuedBefore = atStartup ? DateTime.MaxValue : now - RequeuedGrace;
        var ids = await db.Messages
            .Where(m => m.Situation == MessageSituation.Requeued && m.UpdatedAtUtc < requeuedBefore)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.MessageId, m.ConnectionId, m.Diagram, m.Component, m.BusinessKey })
            .Take(5000)
            .ToListAsync(cancellationToken);
        if (ids.Count > 0)
        {
            // Touch them so the next sweep does not enqueue the same ones again before they run.
            var rowIds = ids.Select(m => m.Id).ToList();
            await db.Messages.Where(m => EF.Parameter(rowIds).Contains(m.Id) && m.Situation == MessageSituation.Requeued)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.UpdatedAtUtc, now), cancellationToken);
            RequeueJobs.Enqueue(jobs, ids.Select(m => new RequeuedMessage(m.MessageId, m.ConnectionId, m.Diagram, m.Component, m.BusinessKey)));
        }

        if (abandoned > 0 || ids.Count > 0)
        {
            logger.LogInformation("Sweeper: {Abandoned} abandoned attempt(s) returned to the queue, {Enqueued} re-queued message(s) enqueued", abandoned, ids.Count);
        }

        return ids.Count;
    }
}
