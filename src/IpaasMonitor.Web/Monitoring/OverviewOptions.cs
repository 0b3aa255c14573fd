namespace IpaasMonitor.Web.Monitoring;

/// <summary>Settings of the overview and of the diagram verdicts ("Overview" section).</summary>
public sealed class OverviewOptions
{
    public const string SectionName = "Overview";

    /// <summary>A scheduled run that has not started this long after its time counts as missed.</summary>
    public TimeSpan MissedRunGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An ERP read whose watermark has not moved for this long is flagged (the ERP may have stopped answering changes).</summary>
    public TimeSpan WatermarkStaleAfter { get; set; } = TimeSpan.FromHours(6);
}
