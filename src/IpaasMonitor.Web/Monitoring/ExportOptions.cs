namespace IpaasMonitor.Web.Monitoring;

/// <summary>The grid's CSV export (section <c>Export</c>).</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Export";

    /// <summary>
    /// The most rows one export writes (the newest of the filter). A cut export says so in its last line, in the
    /// <c>X-Export-Cut</c> header and on the grid.
    /// </summary>
    public int MaxRows { get; set; } = 100_000;
}
