using System.Globalization;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>TOTVS Moda dates: ISO 8601 in Brasília time (fixed UTC−03:00 since 2019).</summary>
internal static class ErpDates
{
    public static readonly TimeSpan Brasilia = TimeSpan.FromHours(-3);

    public static string Format(DateTimeOffset value) =>
        value.ToOffset(Brasilia).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO 8601 value; a value without offset is taken as Brasília time.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            value = new DateTimeOffset(parsed, Brasilia);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
