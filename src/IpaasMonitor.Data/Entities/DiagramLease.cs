namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The lock that keeps one run at a time per (connection, diagram), across workers and nodes.
/// Claimed with a conditional update; renewed while the run lives and expires soon after it stops, and a dead
/// node's leases are taken over as soon as its death is known (ADR-026).
/// </summary>
public sealed class DiagramLease
{
    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public Guid? HolderRunId { get; set; }

    /// <summary>The node (<see cref="NodeHeartbeat.Name"/>) whose run holds the lease; null when free.</summary>
    public string? HolderNode { get; set; }

    /// <summary>
    /// A chained run found the lease held: the holder enqueues one chained run of the pair when it releases it
    /// (however many asked meanwhile), so the follow-ups are coalesced into one (ADR-026).
    /// </summary>
    public bool RunAgain { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}
