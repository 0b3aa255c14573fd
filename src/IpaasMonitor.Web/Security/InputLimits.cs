namespace IpaasMonitor.Web.Security;

/// <summary>
/// The longest value the web accepts for each kind of input, in one place. Where the value is stored, the limit is
/// its column's (a test compares them with the EF model); input beyond a limit is refused with a validation message
/// or, where refusing makes no sense (a search term in a URL), cut. Nothing longer is ever stored or logged.
/// </summary>
public static class InputLimits
{
    /// <summary>Identity's UserName/Email columns (RFC 5321 allows 254).</summary>
    public const int Email = 256;

    /// <summary>A password is hashed as given: a longer one would only cost CPU.</summary>
    public const int Password = 128;

    /// <summary>IpaasUser.DisplayName's column.</summary>
    public const int DisplayName = IpaasMonitor.Data.Entities.IpaasUser.DisplayNameMaxLength;

    /// <summary>AuditEntry.Reason's column: re-queue and discard reasons.</summary>
    public const int Reason = IpaasMonitor.Data.Entities.AuditEntry.ReasonMaxLength;

    /// <summary>The grid's search term (business keys, correlation ids and short ids are far shorter).</summary>
    public const int Search = 200;

    /// <summary>HubOrder.OrderId's column: the order trace's search.</summary>
    public const int OrderId = IpaasMonitor.Data.Entities.HubOrder.OrderIdMaxLength;

    /// <summary>Free-text audit details (no column limit of their own).</summary>
    public const int AuditDetails = 2000;

    /// <summary>Request paths and similar values written to the log.</summary>
    public const int LogValue = 256;

    private const char CutMark = '…';

    /// <summary>The value, cut to <paramref name="max"/> characters (the last one then being '…').</summary>
    public static string? Clip(string? value, int max)
    {
        if (value is null || value.Length <= max)
        {
            return value;
        }

        // Never split a surrogate pair.
        var keep = max - 1;
        if (keep > 0 && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        return string.Concat(value.AsSpan(0, keep), CutMark.ToString());
    }

    /// <summary>The value's first <paramref name="max"/> characters, without a mark (a search term stays a plain prefix).</summary>
    public static string? Cut(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];

    /// <summary>Clipped, with every control character (CR, LF, TAB…) replaced by '?': safe in one log line.</summary>
    public static string SingleLine(string? value, int max)
    {
        var clipped = Clip(value ?? "", max)!;
        return string.Create(clipped.Length, clipped, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
