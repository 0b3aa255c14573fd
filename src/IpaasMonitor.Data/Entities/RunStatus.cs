namespace IpaasMonitor.Data.Entities;

/// <summary>Where a <see cref="DiagramRun"/> is. Stored as text (<see cref="DiagramRun.StatusMaxLength"/> characters at most).</summary>
public enum RunStatus
{
    /// <summary>Started and not yet ended.</summary>
    Running,

    /// <summary>Ended without a run-level error (items may still have failed: see the counters).</summary>
    Completed,

    /// <summary>Ended by an error of the run itself (reason in <see cref="DiagramRun.Error"/>).</summary>
    Failed,

    /// <summary>
    /// Its node died (killed, crashed, cut off) before it could end it; <see cref="DiagramRun.EndedAtUtc"/> is when that
    /// was detected (ADR-026).
    /// </summary>
    Interrupted,
}
