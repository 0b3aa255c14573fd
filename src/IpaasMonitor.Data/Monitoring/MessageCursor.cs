namespace IpaasMonitor.Data.Monitoring;

/// <summary>A position in the newest-first order: the (ReceivedAtUtc, Id) of a row. Keyset paging starts after or before it.</summary>
public readonly record struct MessageCursor(DateTime ReceivedAtUtc, long Id)
{
    public static MessageCursor Of(MessageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new MessageCursor(row.ReceivedAtUtc, row.Id);
    }

    /// <summary>True when this position comes before <paramref name="other"/> in the newest-first order.</summary>
    public bool IsNewerThan(MessageCursor other) =>
        ReceivedAtUtc > other.ReceivedAtUtc || (ReceivedAtUtc == other.ReceivedAtUtc && Id > other.Id);
}
