using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Inserts new messages through EF's <c>SaveChanges</c>: the recorder's path for a provider without a bulk writer of its
/// own (SQL Server; SQLite has <see cref="SqliteMessageWriter"/>, PostgreSQL <see cref="PostgreSqlMessageWriter"/>). As
/// those writers, in one transaction inside the execution strategy (ADR-020): first <c>change</c> (a hub-state change that
/// may return more messages, ADR-027), then the messages, their hourly <see cref="MessageCounts"/> (ADR-021), the failure
/// groups they open, and the earlier open failures their processed items heal (<see cref="MessageResolution"/>, ADR-017).
/// Sets <see cref="IntegrationMessage.Id"/> on each message once committed.
/// </summary>
public static class EfMessageWriter
{
    /// <summary>
    /// Writes <paramref name="batch"/> and, first in the same transaction, <paramref name="change"/>. A retry of the
    /// execution strategy runs the change again in a new transaction and inserts the messages again as new rows.
    /// </summary>
    public static async Task<int> WriteAsync(
        IpaasDbContext db,
        IReadOnlyList<IntegrationMessage> batch,
        Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<IntegrationMessage>>>? change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(batch);
        var messages = new List<IntegrationMessage>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            messages = [.. batch];
            if (change is not null)
            {
                var more = await change(db, cancellationToken);
                db.ChangeTracker.Clear(); // the change saved its own rows
                messages.AddRange(more);
            }

            if (messages.Count > 0)
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Messages.AddRange(messages);

                // Not accepted on success: a retry of the strategy must find the rows still to insert. So EF keeps the
                // generated ids in its entries until AcceptAllChanges, and the entities still hold 0: the resolution
                // reads each message's id from its entry (healing needs "earlier than this message").
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
                var ids = new Dictionary<IntegrationMessage, long>(ReferenceEqualityComparer.Instance);
                foreach (var m in messages)
                {
                    ids[m] = db.Entry(m).Property(e => e.Id).CurrentValue;
                }

                await MessageCounts.ApplyAsync(db, MessageCounts.ForNewMessages(messages), cancellationToken);
                await FailureGroupChanges.MarkNewAsync(db, messages, cancellationToken);
                var resolvers = MessageResolution.ResolversOf(messages, m => ids[m]);
                if (resolvers.Count > 0)
                {
                    await MessageResolution.ResolveAsync(db, resolvers, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.AcceptAllChanges();
        return messages.Count - batch.Count;
    }
}
