namespace IpaasMonitor.Diagrams.Running;

/// <summary>How fast a bulk re-queue goes (<c>Requeue</c> section; ADR-017).</summary>
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
}
