namespace IpaasMonitor.Data.Entities;

/// <summary>
/// Work handed to Hangfire that must survive a kill even when Hangfire keeps its jobs in memory (the embedded default,
/// ADR-027): a chained or delayed diagram run, or a retention purge under way. Written before the job is enqueued,
/// deleted when the job has done its work; what is left at start belongs to a dead process and is enqueued again.
/// </summary>
public sealed class PendingJob
{
    /// <summary>A diagram run (<see cref="ConnectionId"/>, <see cref="Diagram"/>, <see cref="TriggeredBy"/>).</summary>
    public const string RunKind = "run";

    /// <summary>The retention purge, from its start to its end.</summary>
    public const string RetentionKind = "retention";

    /// <summary>Longest <see cref="Kind"/> stored.</summary>
    public const int KindMaxLength = 16;

    public long Id { get; set; }

    public string Kind { get; set; } = RunKind;

    public string? ConnectionId { get; set; }

    public int? Diagram { get; set; }

    public string? TriggeredBy { get; set; }

    /// <summary>When the job is due (a delayed run: later than <see cref="CreatedAtUtc"/>).</summary>
    public DateTime DueAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
