using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// Finds messages by their public id through the <see cref="IntegrationMessage.ShortId"/> index: the short id is the
/// first 8 hex digits of the id, so an id lookup is an index seek on the short id plus a check of the full id on the
/// one or two rows it finds. There is no index on the full id (ADR-011): a second random-key index would cost every
/// recorded message one more dirtied page for no query it serves better.
/// </summary>
public static class MessageIdLookup
{
    public static IQueryable<IntegrationMessage> WhereMessageId(this IQueryable<IntegrationMessage> query, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(query);
        var shortId = IntegrationMessage.ShortIdOf(messageId);
        return query.Where(m => m.ShortId == shortId && m.MessageId == messageId);
    }

    public static IQueryable<IntegrationMessage> WhereMessageIdIn(this IQueryable<IntegrationMessage> query, IReadOnlyCollection<Guid> messageIds)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(messageIds);
        var shortIds = messageIds.Select(IntegrationMessage.ShortIdOf).Distinct().ToList();
        var ids = messageIds as List<Guid> ?? [.. messageIds];

        // Each list is one JSON parameter (EF.Parameter), not EF's default of one parameter per element: SQLite finds a
        // parameter by name with a linear scan, so binding thousands of them grows with the square of their number.
        return query.Where(m => EF.Parameter(shortIds).Contains(m.ShortId) && EF.Parameter(ids).Contains(m.MessageId));
    }
}
