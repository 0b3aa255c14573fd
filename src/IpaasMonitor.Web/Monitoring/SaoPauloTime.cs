using System.Globalization;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>Dates as support staff read them: America/Sao_Paulo, <c>dd/MM/yyyy HH:mm</c>.</summary>
public static class SaoPauloTime
{
    public const string DateTimeFormat = "dd/MM/yyyy HH:mm";
    public const string DateTimeSecondsFormat = "dd/MM/yyyy HH:mm:ss";

    /// <summary>The format of <c>de</c>/<c>ate</c> in the grid's URL (local São Paulo time).</summary>
    public const string UrlFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>What <see cref="FromUrl"/> reads: the URL's format, and a <c>datetime-local</c> value with seconds or fractions.</summary>
    private static readonly string[] InputFormats = [UrlFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime ToUtc(DateTime saoPauloLocal) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(saoPauloLocal, DateTimeKind.Unspecified), Zone);

    public static string Format(DateTime utc) => ToLocal(utc).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static string Format(DateTime? utc) => utc is { } value ? Format(value) : "—";

    public static string FormatSeconds(DateTime utc) => ToLocal(utc).ToString(DateTimeSecondsFormat, CultureInfo.InvariantCulture);

    public static string FormatSeconds(DateTime? utc) => utc is { } value ? FormatSeconds(value) : "—";

    public static string ToUrl(DateTime utc) => ToLocal(utc).ToString(UrlFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// A São Paulo local time from the URL or from a <c>datetime-local</c> field, to the minute. Blazor hands a
    /// <c>datetime-local</c> field's value over with seconds (<c>2026-12-07T13:50:00</c>, whatever the browser shows), so
    /// seconds and fractions are accepted and dropped: reading only <see cref="UrlFormat"/> made every typed date null, and
    /// the grid's and the audit page's "De/Até" were silently ignored.
    /// </summary>
    public static DateTime? FromUrl(string? value)
    {
        if (!DateTime.TryParseExact(value?.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return ToUtc(new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified));
    }
}
