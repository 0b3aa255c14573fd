using System.ComponentModel.DataAnnotations;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>How long handled messages are kept (section "Retention").</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Processed and Discarded messages older than this many days are purged. Failed ones stay until handled.</summary>
    [Range(1, 3650)]
    public int ProcessedDays { get; set; } = 30;

    /// <summary>Messages deleted per transaction: small enough that the write lock is held only for a moment.</summary>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Pause between batches so runs and the grid get the database in between (milliseconds).</summary>
    [Range(0, 10_000)]
    public int PauseMilliseconds { get; set; } = 20;
}
