using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// The one definition of "an unresolved failure" (ADR-017), for every page that counts or lists what needs a person:
/// a message in <see cref="MessageSituation.Failed"/>. A failure that a later processed message of the same item healed
/// is <see cref="MessageSituation.Resolved"/>, a discarded one <see cref="MessageSituation.Discarded"/>, a re-queued one
/// <see cref="MessageSituation.Requeued"/>: none of them is unresolved. Because it is a situation, every index that
/// starts with (or carries) the situation serves it: the (Situation, ReceivedAtUtc) and (ConnectionId, Situation,
/// ReceivedAtUtc) indexes for lists and counts, the partial <c>IX_Messages_FailedByCause</c> for the groups.
/// </summary>
public static class UnresolvedFailures
{
    /// <summary>The situation that means "unresolved failure".</summary>
    public const MessageSituation Situation = MessageSituation.Failed;

    /// <summary>The situations of "stuck work" besides failures: a re-queue not done yet, an attempt or a receipt in progress.</summary>
    public static IReadOnlyList<MessageSituation> StuckWork { get; } =
        [MessageSituation.Requeued, MessageSituation.Processing, MessageSituation.Received];

    /// <summary>What the attention view shows: unresolved failures and stuck work.</summary>
    public static IReadOnlyList<MessageSituation> NeedingAttention { get; } = [Situation, .. StuckWork];

    /// <summary>The unresolved failures among <paramref name="messages"/>.</summary>
    public static IQueryable<IntegrationMessage> Where(IQueryable<IntegrationMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Where(m => m.Situation == MessageSituation.Failed);
    }

    /// <summary>The grid filter of the unresolved failures (optionally of one connection), e.g. for a count or a link.</summary>
    public static MessageFilter Filter(string? connectionId = null) =>
        new() { ConnectionId = connectionId, Situations = [Situation] };

    /// <summary>
    /// Counts the unresolved failures (of one connection, or all), reading at most <paramref name="limit"/> + 1 index
    /// entries: an index range on (Situation, ReceivedAtUtc) or (ConnectionId, Situation, ReceivedAtUtc).
    /// </summary>
    public static async Task<BoundedCount> CountAsync(IpaasDbContext db, string? connectionId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = Where(db.Messages.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(connectionId))
        {
            query = query.Where(m => m.ConnectionId == connectionId);
        }

        var read = await query.Select(m => m.Id).Take(limit + 1).CountAsync(cancellationToken);
        return BoundedCount.FromRowsRead(read, limit);
    }

    /// <summary>
    /// Counts what the attention view shows (<see cref="NeedingAttention"/>, of one connection or all), exactly, without
    /// reading the message table (ADR-017 amendment 2): the sum of the hourly counters of those situations (ADR-021, kept
    /// in the transaction of every change), less, unless <paramref name="includeRunSummaries"/>, the runs' summaries among
    /// them, read from the small partial index of summary rows by situation (<c>IX_Messages_RunSummaries</c>).
    /// </summary>
    public static async Task<BoundedCount> CountNeedingAttentionAsync(IpaasDbContext db, string? connectionId, bool includeRunSummaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var situations = NeedingAttention.ToList();
        var counters = db.MessageCounters.AsNoTracking().Where(c => situations.Contains(c.Situation));
        var summaries = db.Messages.AsNoTracking().Where(m => m.Component == MessageFilter.RunSummaryComponent && situations.Contains(m.Situation));
        if (!string.IsNullOrWhiteSpace(connectionId))
        {
            counters = counters.Where(c => c.ConnectionId == connectionId);
            summaries = summaries.Where(m => m.ConnectionId == connectionId);
        }

        var total = await counters.SumAsync(c => c.Count, cancellationToken);
        if (!includeRunSummaries)
        {
            total -= await summaries.LongCountAsync(cancellationToken);
        }

        return new BoundedCount((int)Math.Clamp(total, 0, int.MaxValue), IsLowerBound: false);
    }
}
