namespace IpaasMonitor.Data.Entities;

/// <summary>The ERP change date up to which a (connection, diagram) has read.</summary>
public sealed class Watermark
{
    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public DateTime ValueUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
