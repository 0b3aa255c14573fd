using System.Text;
using System.Text.Json;

namespace IpaasMonitor.Connectors.Http;

/// <summary>
/// Extracts a human message from an error body. Known shapes: TOTVS <c>[{code, message, detailedMessage}]</c> and
/// <c>{messages:[{code, message}]}</c>, OAuth <c>{error, error_description}</c>, VTEX <c>{"Message": …}</c>,
/// <c>{"error":{"code","message"}}</c>, problem details, and a bare JSON string. Anything else is returned raw,
/// with whitespace collapsed and truncated.
/// </summary>
public static class RemoteErrorParser
{
    public const int MaxLength = 300;

    public static string? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var message = FromElement(document.RootElement, depth: 0);
            if (!string.IsNullOrWhiteSpace(message))
            {
                return Truncate(Collapse(message));
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return Truncate(Collapse(body));
    }

    /// <summary>Whitespace collapsed to single spaces and cut to <paramref name="maxLength"/> characters with an ellipsis.</summary>
    public static string Truncate(string text, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
    }

    private static string? FromElement(JsonElement element, int depth)
    {
        if (depth > 3)
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Array:
                var parts = element.EnumerateArray()
                    .Select(item => FromElement(item, depth + 1))
                    .Where(part => !string.IsNullOrWhiteSpace(part))
                    .Take(5)
                    .ToList();
                return parts.Count == 0 ? null : string.Join("; ", parts);
            case JsonValueKind.Object:
                return FromObject(element, depth);
            default:
                return null;
        }
    }

    private static string? FromObject(JsonElement element, int depth)
    {
        // TOTVS: { "messages": [ { code, message } ] } and OAuth-style { error, error_description }.
        if (TryGet(element, "messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            return FromElement(messages, depth + 1);
        }

        var code = GetString(element, "code");
        var message = GetString(element, "message") ?? GetString(element, "errorMessage")
            ?? GetString(element, "error_description") ?? GetString(element, "detail") ?? GetString(element, "title");

        if (message is null && TryGet(element, "error", out var error))
        {
            // VTEX: { "error": { "code": "1", "message": "…" } } or { "error": "text" }.
            message = FromElement(error, depth + 1);
        }

        if (message is null && TryGet(element, "errors", out var errors))
        {
            message = FromElement(errors, depth + 1);
        }

        if (message is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(code) && !message.Contains(code, StringComparison.Ordinal))
        {
            builder.Append(code).Append(": ");
        }

        builder.Append(message);
        var detailed = GetString(element, "detailedMessage");
        if (!string.IsNullOrWhiteSpace(detailed) && !string.Equals(detailed, message, StringComparison.Ordinal))
        {
            builder.Append(" (").Append(detailed).Append(')');
        }

        return builder.ToString();
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? GetString(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
            : null;

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
