namespace IpaasMonitor.Diagrams.Catalog;

/// <summary>Where a row stands in the first run a process may start (<see cref="DiagramCatalog.StartupOrder"/>).</summary>
public enum StartupRun
{
    /// <summary>The default: the ERP reads first, then every other row, each group in number order.</summary>
    InOrder,

    /// <summary>Before everything else (23: VTEX queues order events only once the feed is configured, and 24 reads that feed).</summary>
    First,

    /// <summary>
    /// Never at start-up (39 re-sends the last 24 h of catalogue changes once a day; at start it would send the whole
    /// catalogue a second time, before 06/10 have created the products it points to).
    /// </summary>
    Never,
}
