namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The lock that keeps one run at a time per (connection, diagram), across workers and nodes.
/// Claimed with a conditional update; expires so a crashed run does not block forever.
/// </summary>
public sealed class DiagramLease
{
    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public Guid? HolderRunId { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}
