using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// A failure group is its stored cause key (<see cref="IntegrationMessage.CauseKey"/>, ADR-017): the grid's
/// <c>grupo</c> parameter, and so the export and the bulk actions of a filter, narrow to the messages of that cause.
/// </summary>
public sealed class CauseKeyFailureGroupFilter : IFailureGroupFilter
{
    public IQueryable<IntegrationMessage> Apply(IQueryable<IntegrationMessage> query, string groupKey)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupKey);
        return query.Where(m => m.CauseKey == groupKey);
    }
}
