using System.Diagnostics;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Moves messages from the recent business-key index to the settled one (ADR-013), in the recent index's key order,
/// <see cref="BatchSize"/> rows per transaction. A batch covers a range of keys, so all the recent entries of a key
/// reach their place in the settled index together: one page written for all of them, where recording wrote one page per
/// message. Readers are never wrong meanwhile: a row is in exactly one tier, and search reads both (recent first).
/// Runs as a recurring job; until it runs, the recent index just keeps growing (searches stay correct, recording slows
/// down only as that index grows large).
/// </summary>
public sealed class BusinessKeyIndexMerge(IDbContextFactory<IpaasDbContext> dbFactory, TimeProvider time, ILogger<BusinessKeyIndexMerge> logger)
{
    public const string RecurringJobId = "business-key-index-merge";

    /// <summary>Every ten minutes: often enough that the recent index stays small, rarely enough that a key's entries pile up.</summary>
    public const string Cron = "*/10 * * * *";

    /// <summary>Rows per transaction: the write lock is held for a moment, and the recorder's batches go in between.</summary>
    public const int BatchSize = 5_000;

    /// <summary>Pause between batches, so runs and the grid get the database in between.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>Merges every row that is in the recent tier when it starts; returns how many it moved.</summary>
    public Task<long> MergeAsync(CancellationToken cancellationToken) => MergeAsync(Pause, cancellationToken);

    /// <summary>As <see cref="MergeAsync(CancellationToken)"/>, with the pause between batches given (the benchmark uses none).</summary>
    public async Task<long> MergeAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();

        // Rows recorded while this merge runs wait for the next one, so a merge always ends.
        long upToId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            upToId = await db.Messages.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        }

        long merged = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await MergeBatchAsync(upToId, cancellationToken);
            merged += batch;
            if (batch < BatchSize)
            {
                break;
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, cancellationToken);
            }
        }

        if (merged > 0)
        {
            logger.LogInformation("Business-key index: {Count} messages merged into the settled index in {Seconds:N1} s", merged, watch.Elapsed.TotalSeconds);
        }

        return merged;
    }

    /// <summary>
    /// The next batch's ids: the recent index's own order (it is partial on KeyTier = Recent and starts with BusinessKey),
    /// a walk of the batch's index entries with no sort and no table read. The id bound is a residual filter ("+ 0"), so
    /// the database never prefers a walk of the whole table by id.
    /// </summary>
    public static IQueryable<long> BatchQuery(IpaasDbContext db, long upToId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Messages
            .Where(m => m.KeyTier == KeyTiers.Recent && m.Id + 0 <= upToId)
            .OrderBy(m => m.BusinessKey).ThenBy(m => m.ReceivedAtUtc)
            .Select(m => m.Id)
            .Take(BatchSize);
    }

    private async Task<int> MergeBatchAsync(long upToId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await BatchQuery(db, upToId).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        // The ids as one JSON parameter (EF.Parameter): with EF's default, one parameter per id, SQLite's by-name
        // binding of 5,000 parameters made the merge seven times slower (measured).
        Task Update() => db.Messages.Where(m => EF.Parameter(ids).Contains(m.Id) && m.KeyTier == KeyTiers.Recent)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.KeyTier, KeyTiers.Settled), cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Like the recorder's batches, a merge batch dirties thousands of pages: checkpointed in the background.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await SqliteWalCheckpointer.WithBackgroundCheckpointAsync(db.Database.GetDbConnection(), Update, cancellationToken);
        }
        else
        {
            await Update();
        }

        return ids.Count;
    }
}
