using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// The grid's search box, parsed: a whole message id, an identifier prefix (hex), the text as business key and as
/// correlation id in any letter case, and, when it is shaped like a CPF/CNPJ, its keyed hash. Each becomes one index
/// seek (MessageId through the ShortId index, ShortId range, BusinessKey in each of its two tiers, CorrelationId, and the
/// buyer's orders through <see cref="CustomerDocument"/> then CorrelationId). The error-text part is a bounded walk built
/// by <see cref="MessageQueries"/> (ADR-019).
/// </summary>
internal sealed class SearchTerms
{
    /// <summary>Beyond this many letters the case variants are not enumerated: the text as typed, upper and lower case only.</summary>
    public const int MaxCaseLetters = 8;

    private const int MaxKeyLength = 128;

    private SearchTerms(string text, Guid? messageId, string? prefixFrom, string? prefixTo, IReadOnlyList<string> keyVariants, byte[]? documentHash)
    {
        Text = text;
        MessageId = messageId;
        PrefixFrom = prefixFrom;
        PrefixTo = prefixTo;
        KeyVariants = keyVariants;
        DocumentHash = documentHash;
    }

    public string Text { get; }

    public Guid? MessageId { get; }

    /// <summary>Inclusive lower bound of the ShortId range (the lower-case prefix).</summary>
    public string? PrefixFrom { get; }

    /// <summary>Exclusive upper bound (the prefix incremented as a hex number); null when the prefix is all 'f'.</summary>
    public string? PrefixTo { get; }

    /// <summary>The text in every letter case (just the text when it has no letter): keys are compared byte for byte.</summary>
    public IReadOnlyList<string> KeyVariants { get; }

    /// <summary>The keyed hash of the text read as a CPF/CNPJ; null when it is not shaped like one or no key is configured.</summary>
    public byte[]? DocumentHash { get; }

    /// <summary>Whether the text is long enough to be looked for in the error messages.</summary>
    public bool SearchesErrors => Text.Length >= MessageFilter.MinimumErrorTextLength;

    public static SearchTerms? Parse(string? search, CustomerDocumentHasher? documents = null)
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

        IReadOnlyList<string> variants = text.Length <= MaxKeyLength ? CaseVariants(text) : [];
        return new SearchTerms(text, messageId, from, to, variants, documents?.HashOf(text));
    }

    /// <summary>
    /// One query per search kind; the caller merges them (a row may match more than one). <paramref name="documentOrders"/>
    /// are the buyer's orders per connection when the text is a CPF/CNPJ found in <see cref="CustomerDocument"/>.
    /// </summary>
    public List<IQueryable<IntegrationMessage>> Apply(IQueryable<IntegrationMessage> query, IReadOnlyDictionary<string, List<string>> documentOrders)
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

        if (KeyVariants.Count == 1)
        {
            var key = KeyVariants[0];
            // The two tiers of the business-key index (ADR-013), the recent one first: a row only moves from recent to
            // settled, so whatever a merge moves between the two reads is read twice (merged by Id), never missed.
            // One spelling: an ordered walk of the key's index entries.
            branches.Add(query.Where(m => m.BusinessKey == key && m.KeyTier == KeyTiers.Recent));
            branches.Add(query.Where(m => m.BusinessKey == key && m.KeyTier == KeyTiers.Settled));
            branches.Add(query.Where(m => m.CorrelationId == key));
        }
        else if (KeyVariants.Count > 1)
        {
            // Several spellings ("ref-a1", "REF-A1", …): one seek per spelling (one JSON parameter, see WhereMessageIdIn),
            // then the key's rows are sorted; a key with letters is an ERP reference or a name, not a hot numeric SKU.
            var keys = KeyVariants as List<string> ?? [.. KeyVariants];
            branches.Add(query.Where(m => EF.Parameter(keys).Contains(m.BusinessKey!) && m.KeyTier == KeyTiers.Recent));
            branches.Add(query.Where(m => EF.Parameter(keys).Contains(m.BusinessKey!) && m.KeyTier == KeyTiers.Settled));
            branches.Add(query.Where(m => EF.Parameter(keys).Contains(m.CorrelationId!)));
        }

        foreach (var (connection, orders) in documentOrders)
        {
            // The buyer's orders on that connection: one seek per order on the correlation index, then sorted (bounded
            // by MessageSearchOptions.MaxDocumentOrders orders).
            var connectionId = connection;
            var orderIds = orders;
            branches.Add(query.Where(m => m.ConnectionId + "" == connectionId && EF.Parameter(orderIds).Contains(m.CorrelationId!)));
        }

        return branches;
    }

    /// <summary>"a1" → "a1", "A1"; "abc" → its 8 spellings; beyond <see cref="MaxCaseLetters"/> letters: as typed, upper, lower.</summary>
    internal static IReadOnlyList<string> CaseVariants(string text)
    {
        var letters = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.ToUpperInvariant(text[i]) != char.ToLowerInvariant(text[i]))
            {
                letters.Add(i);
            }
        }

        if (letters.Count == 0)
        {
            return [text];
        }

        if (letters.Count > MaxCaseLetters)
        {
            return new List<string> { text, text.ToUpperInvariant(), text.ToLowerInvariant() }.Distinct(StringComparer.Ordinal).ToList();
        }

        var variants = new List<string>(1 << letters.Count);
        var chars = text.ToCharArray();
        for (var mask = 0; mask < 1 << letters.Count; mask++)
        {
            for (var bit = 0; bit < letters.Count; bit++)
            {
                var at = letters[bit];
                chars[at] = (mask & (1 << bit)) != 0 ? char.ToUpperInvariant(text[at]) : char.ToLowerInvariant(text[at]);
            }

            variants.Add(new string(chars));
        }

        return variants;
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
