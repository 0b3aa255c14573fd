using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Purges handled messages (Processed, Discarded) older than <see cref="RetentionOptions.ProcessedDays"/>, with their
/// payloads and attempts, in short batches. Failed, Requeued, Processing and Received messages are never touched:
/// they still need someone. Runs as a recurring Hangfire job (see <see cref="DiagramSchedule"/>).
/// </summary>
public sealed class MessageRetention(
    IDbContextFactory<IpaasDbContext> dbFactory,
    TimeProvider time,
    IOptionsMonitor<RetentionOptions> options,
    ILogger<MessageRetention> logger,
    PendingJobs? pending = null)
{
    public const string RecurringJobId = "retention";

    /// <summary>Hourly: each run has about an hour of expired messages to delete, never a month at once.</summary>
    public const string Cron = "17 * * * *";

    // Resolved failures are history like the processed messages that resolved them (ADR-017).
    private static readonly MessageSituation[] Purgeable = [MessageSituation.Processed, MessageSituation.Discarded, MessageSituation.Resolved];

    /// <summary>Deletes expired handled messages batch by batch; returns how many were deleted.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-settings.ProcessedDays);
        long deleted = 0;

        // Noted in the store until the purge ends: a purge cut by a kill resumes at the next start (ADR-027).
        if (pending is not null)
        {
            await pending.BeginRetentionAsync(cancellationToken);
        }

        foreach (var situation in Purgeable)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = await PurgeBatchAsync(situation, cutoff, settings.BatchSize, cancellationToken);
                deleted += batch;
                if (batch < settings.BatchSize)
                {
                    break;
                }

                if (settings.PauseMilliseconds > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.PauseMilliseconds), time, cancellationToken);
                }
            }

            // Every message of this situation received before the cutoff is gone: so are the counters of the hours that
            // ended by then (ADR-021). The hour the cutoff falls in keeps its counter until the next purge.
            var fullyPurgedBefore = MessageCounts.HourOf(cutoff);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.MessageCounters.Where(c => c.Situation == situation && c.HourUtc < fullyPurgedBefore).ExecuteDeleteAsync(cancellationToken);
        }

        if (pending is not null)
        {
            await pending.EndRetentionAsync(CancellationToken.None);
        }

        if (deleted > 0)
        {
            logger.LogInformation("Retention purged {Count} handled messages received before {CutoffUtc:u}", deleted, cutoff);
        }

        return deleted;
    }

    private async Task<int> PurgeBatchAsync(MessageSituation situation, DateTime cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // An index range on (Situation, ReceivedAtUtc), oldest first: the read costs the batch, not the table.
        var ids = await db.Messages
            .Where(m => m.Situation == situation && m.ReceivedAtUtc < cutoff)
            .OrderBy(m => m.ReceivedAtUtc)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // The ids as one JSON parameter (EF.Parameter): EF's default, one parameter per id, made SQLite's by-name
            // binding of 5,000 parameters the larger part of each batch.
            await db.Attempts.Where(a => EF.Parameter(ids).Contains(a.MessageId)).ExecuteDeleteAsync(cancellationToken);
            await db.Payloads.Where(p => EF.Parameter(ids).Contains(p.MessageId)).ExecuteDeleteAsync(cancellationToken);

            // Processed and Discarded are terminal (only Failed messages are re-queued or discarded), so the ids read
            // above are still purgeable; the situation is checked again anyway.
            await db.Messages.Where(m => EF.Parameter(ids).Contains(m.Id) && m.Situation == situation).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return ids.Count;
    }
}
