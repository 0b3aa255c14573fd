using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>
/// TOTVS Moda dates. Written as ISO 8601 with an explicit offset ("2025-12-09T00:00:00-03:00"). Read with their
/// offset when present; a value without one (e.g. some <c>maxChangeFilterDate</c>s) is taken as Brasília time
/// (UTC−03:00, no DST since 2019), never as the server's local time.
/// </summary>
public sealed class ErpDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>Brasília has been a fixed UTC−03:00 since Decree 9.772/2019.</summary>
    public static readonly TimeSpan BrasiliaOffset = TimeSpan.FromHours(-3);

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd",
    ];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a date string but found {reader.TokenType}.");
        }

        var text = reader.GetString()!;
        if (HasOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BrasiliaOffset);
        }

        throw new JsonException($"'{text}' is not an ISO 8601 date.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }

    private static bool HasOffset(string text)
    {
        var timeStart = text.IndexOf('T', StringComparison.Ordinal);
        if (timeStart < 0)
        {
            return false;
        }

        var time = text.AsSpan(timeStart);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }
}
