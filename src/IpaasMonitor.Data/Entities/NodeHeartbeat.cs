namespace IpaasMonitor.Data.Entities;

/// <summary>
/// One app process (node) that runs diagrams on this store: written when it starts and every few seconds while it
/// lives, so the others know whether the holder of a lease is alive (ADR-026). Removed once its death has been handled.
/// </summary>
public sealed class NodeHeartbeat
{
    /// <summary>Longest node name stored (<see cref="Name"/>, <see cref="DiagramLease.HolderNode"/>, <see cref="DiagramRun.Node"/>).</summary>
    public const int NameMaxLength = 128;

    public string Name { get; set; } = "";

    public DateTime StartedAtUtc { get; set; }

    public DateTime LastSeenAtUtc { get; set; }
}
