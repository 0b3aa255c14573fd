using System.Globalization;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>Dates as support staff read them: America/Sao_Paulo, <c>dd/MM/yyyy HH:mm</c>.</summary>
public static class SaoPauloTime
{
    public const string DateTimeFormat = "dd/MM/yyyy HH:mm";
    public const string DateTimeSecondsFormat = "dd/MM/yyyy HH:mm:ss";

    /// <summary>The format of <c>de</c>/<c>ate</c> in the grid's URL (local São Paulo time).</summary>
    public const string UrlFormat = "yyyy-MM-ddTHH:mm";

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

    public static DateTime? FromUrl(string? value) =>
        DateTime.TryParseExact(value, UrlFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? ToUtc(local) : null;
}
