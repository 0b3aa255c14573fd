using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// The grid's search box, parsed: a whole message id, an identifier prefix (hex), and the exact text as
/// business key and as correlation id. Each becomes one index seek (MessageId through the ShortId index, ShortId
/// range, BusinessKey in each of its two tiers, CorrelationId).
/// </summary>
internal sealed class SearchTerms
{
    private const int MaxKeyLength = 128;

    private SearchTerms(string text, Guid? messageId, string? prefixFrom, string? prefixTo)
    {
        Text = text;
        MessageId = messageId;
        PrefixFrom = prefixFrom;
        PrefixTo = prefixTo;
    }

    public string Text { get; }

    public Guid? MessageId { get; }

    /// <summary>Inclusive lower bound of the ShortId range (the lower-case prefix).</summary>
    public string? PrefixFrom { get; }

    /// <summary>Exclusive upper bound (the prefix incremented as a hex number); null when the prefix is all 'f'.</summary>
    public string? PrefixTo { get; }

    public static SearchTerms? Parse(string? search)
    {
        var text = search?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        Guid? messageId = Guid.TryParse(text, out var guid) ? guid : null;
        string? from = null;
        string? to = null;
        var hex = text.Replace("-", "", StringComparison.Ordinal);
        if (messageId is null && hex.Length >= MessageFilter.MinimumIdPrefixLength && hex.All(char.IsAsciiHexDigit))
        {
            from = hex[..Math.Min(hex.Length, 8)].ToLowerInvariant();
            to = IncrementHex(from);
        }

        return new SearchTerms(text, messageId, from, to);
    }

    /// <summary>One query per search kind; the caller merges them (a row may match more than one).</summary>
    public List<IQueryable<IntegrationMessage>> Apply(IQueryable<IntegrationMessage> query)
    {
        var branches = new List<IQueryable<IntegrationMessage>>();
        if (MessageId is { } id)
        {
            branches.Add(query.WhereMessageId(id));
        }

        if (PrefixFrom is { } from)
        {
            // A range, not LIKE: SQLite only turns LIKE into an index range for case-insensitive columns,
            // and hex strings order the same way in SQLite's BINARY and SQL Server's collations.
            branches.Add(PrefixTo is { } to
                ? query.Where(m => m.ShortId.CompareTo(from) >= 0 && m.ShortId.CompareTo(to) < 0)
                : query.Where(m => m.ShortId.CompareTo(from) >= 0));
        }

        if (Text.Length <= MaxKeyLength)
        {
            var key = Text;
            // The two tiers of the business-key index (ADR-013), the recent one first: a row only moves from recent to
            // settled, so whatever a merge moves between the two reads is read twice (merged by Id), never missed.
            branches.Add(query.Where(m => m.BusinessKey == key && m.KeyTier == KeyTiers.Recent));
            branches.Add(query.Where(m => m.BusinessKey == key && m.KeyTier == KeyTiers.Settled));
            branches.Add(query.Where(m => m.CorrelationId == key));
        }

        return branches;
    }

    /// <summary>"58d9" → "58da", "58df" → "58e0", "ffff" → null (no upper bound).</summary>
    internal static string? IncrementHex(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] == 'f')
            {
                chars[i] = '0';
                continue;
            }

            chars[i] = chars[i] == '9' ? 'a' : (char)(chars[i] + 1);
            return new string(chars);
        }

        return null;
    }
}
