namespace IpaasMonitor.Data.Entities;

/// <summary>
/// A failure group whose figures changed since the summary was last refreshed (ADR-017 amendment 2): written in the
/// same transaction as the change (a failure recorded, resolved, re-queued, discarded, or an attempt that failed again),
/// read and deleted by the refresh, which recomputes only the groups named here.
/// <see cref="Storage.FailureGroupChanges.All"/> asks for a full rebuild.
/// </summary>
public sealed class FailureGroupChange
{
    public long Id { get; set; }

    /// <summary>The cause key of the changed group, or <see cref="Storage.FailureGroupChanges.All"/>.</summary>
    public string CauseKey { get; set; } = "";
}
