using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// Extension point for the failure groups (<c>/falhas</c>, issue #15 item 3): narrows the grid's filter, and so its export
/// and bulk actions, to one group given by its key (<see cref="MessageFilter.FailureGroup"/>, <c>grupo</c> in the URL).
/// The group page registers an implementation; without one a filter with a group is refused
/// (<see cref="MessageQueries.SupportsFailureGroups"/>) rather than silently ignored.
/// </summary>
public interface IFailureGroupFilter
{
    /// <summary>
    /// The messages of <paramref name="query"/> in the group. It is applied before the filter is split into its
    /// index-ordered branches, so it must be a predicate on the row (a residual filter), not an ordering.
    /// </summary>
    IQueryable<IntegrationMessage> Apply(IQueryable<IntegrationMessage> query, string groupKey);
}
