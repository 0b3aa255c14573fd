namespace IpaasMonitor.Data.Entities;

/// <summary>
/// How many messages of a (connection, diagram) received in one UTC hour are in one situation now. Kept by the
/// recording path (one upsert per group of a recorded batch) and moved from one situation to another whenever a
/// message changes situation, so the overview reads hours, never the message table (ADR-021). Invariant: for every
/// hour still fully kept by retention, <see cref="Count"/> equals the number of rows of <c>Messages</c> with that
/// connection, diagram, situation and <c>ReceivedAtUtc</c> in the hour. Rows whose count falls to zero are deleted.
/// </summary>
public sealed class MessageCounter
{
    /// <summary>The start of the UTC hour the messages were received in.</summary>
    public DateTime HourUtc { get; set; }

    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public MessageSituation Situation { get; set; }

    public long Count { get; set; }
}
