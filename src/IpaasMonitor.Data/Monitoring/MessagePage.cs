namespace IpaasMonitor.Data.Monitoring;

/// <summary>How to reach a page: after or before a cursor (keyset), or by page index (offset fallback).</summary>
public sealed record MessagePageRequest
{
    public int PageSize { get; init; } = 25;

    /// <summary>Rows older than this position (the next page). Keyset: cost does not grow with depth.</summary>
    public MessageCursor? After { get; init; }

    /// <summary>Rows newer than this position (the previous page). Keyset too.</summary>
    public MessageCursor? Before { get; init; }

    /// <summary>
    /// Zero-based page index, used only when neither cursor is set (a jump to page N, or a shared link).
    /// Cost: the database walks and discards <c>PageIndex × PageSize</c> index entries (per branch, see
    /// <see cref="MessageQueries"/>), so deep jumps get linearly slower; next/previous use the cursors instead.
    /// </summary>
    public int PageIndex { get; init; }

    public static MessagePageRequest First(int pageSize) => new() { PageSize = pageSize };
}

/// <summary>A page of grid rows, newest first.</summary>
public sealed record MessagePage(IReadOnlyList<MessageRow> Rows, bool HasNext, bool HasPrevious)
{
    public MessageCursor? FirstCursor => Rows.Count > 0 ? MessageCursor.Of(Rows[0]) : null;

    public MessageCursor? LastCursor => Rows.Count > 0 ? MessageCursor.Of(Rows[^1]) : null;
}
