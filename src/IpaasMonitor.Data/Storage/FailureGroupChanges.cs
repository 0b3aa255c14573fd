using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Tells the failure groups' refresh which groups changed (ADR-017 amendment 2): every change that adds a failure to a
/// group or takes one out of it (recording, resolution, re-queue, discard, an attempt that fails again) writes the
/// group's cause key to <see cref="FailureGroupChange"/> in its own transaction, one row per distinct key and statement.
/// The refresh recomputes those groups only, so its cost follows what changed, not the size of the store.
/// </summary>
public static class FailureGroupChanges
{
    /// <summary>The mark that asks for a full rebuild (a new store, a store migrated to this table).</summary>
    public const string All = "*";

    /// <summary>Marks the groups of <paramref name="causeKeys"/> (nulls ignored) as changed, in the current transaction.</summary>
    public static async Task MarkAsync(IpaasDbContext db, IEnumerable<string?> causeKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(causeKeys);
        var sql = db.Database.IsSqlite() || db.Database.IsNpgsql()
            ? "INSERT INTO \"FailureGroupChanges\" (\"CauseKey\") VALUES ({0})"
            : "INSERT INTO [FailureGroupChanges] ([CauseKey]) VALUES ({0})";
        foreach (var key in causeKeys.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlRawAsync(sql, [key], cancellationToken);
        }
    }

    /// <summary>Marks the groups of the failures among newly recorded <paramref name="messages"/>.</summary>
    public static Task MarkNewAsync(IpaasDbContext db, IEnumerable<IntegrationMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return MarkAsync(db, messages.Where(m => m.Situation == MessageSituation.Failed).Select(m => m.CauseKey), cancellationToken);
    }
}
