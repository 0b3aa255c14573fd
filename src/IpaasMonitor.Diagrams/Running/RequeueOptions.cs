namespace IpaasMonitor.Diagrams.Running;

/// <summary>How fast a bulk re-queue goes, and how long a re-queued messages' job holds its worker (<c>Requeue</c> section; ADR-017, ADR-027).</summary>
public sealed class RequeueOptions
{
    public const string SectionName = "Requeue";

    /// <summary>Messages re-queued per step.</summary>
    public int StepSize { get; set; } = 100;

    /// <summary>At most this many of a batch's re-queues waiting for their attempt at once: the jobs queue is never flooded.</summary>
    public int MaxInFlight { get; set; } = 200;

    /// <summary>Pause between two steps.</summary>
    public TimeSpan Pause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the processor looks for work when there is none.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The default of <see cref="JobSlice"/>.</summary>
    public static readonly TimeSpan DefaultJobSlice = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one re-queued messages' job works before it releases the diagram's lease and hands the rest to a new job at
    /// the back of the maintenance queue (<see cref="DiagramRunner.ProcessRequeuedAsync"/>): the sweeper waits at most this
    /// long for a maintenance worker (ADR-027 amendment).
    /// </summary>
    public TimeSpan JobSlice { get; set; } = DefaultJobSlice;
}
