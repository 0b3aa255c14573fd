namespace IpaasMonitor.Data.Monitoring;

/// <summary>Bounds of the grid's search (section <c>Search</c>, ADR-019).</summary>
public sealed class MessageSearchOptions
{
    public const string SectionName = "Search";

    /// <summary>
    /// The error text is searched in the newest this-many failed (and re-queued) messages of the filter, per situation:
    /// it is a bounded walk, not an index seek. Narrow the period or the diagram to reach further back.
    /// </summary>
    public int ErrorScanRows { get; set; } = 5_000;

    /// <summary>A CPF/CNPJ search reads the messages of at most this many of the buyer's orders (the newest).</summary>
    public int MaxDocumentOrders { get; set; } = 500;
}
