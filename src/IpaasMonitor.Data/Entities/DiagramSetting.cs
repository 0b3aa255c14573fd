namespace IpaasMonitor.Data.Entities;

/// <summary>Per connection overrides of a diagram's catalogue defaults (enabled flag, schedule).</summary>
public sealed class DiagramSetting
{
    /// <summary>Longest <see cref="Cron"/> stored.</summary>
    public const int CronMaxLength = 64;

    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public bool Enabled { get; set; } = true;

    public string? Cron { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
