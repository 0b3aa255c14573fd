namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// When this process began running diagrams (UTC), taken when the first run is prepared: the line between what the hub
/// learnt in an earlier life of the process and what it has read since (ADR-018).
/// </summary>
public sealed class ProcessStart(TimeProvider time)
{
    public DateTime AtUtc { get; } = time.GetUtcNow().UtcDateTime;
}
