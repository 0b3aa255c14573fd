using System.Text.Json;

namespace IpaasMonitor.Diagrams.Rules;

/// <summary>Best-effort business key of a raw ERP record that could not be read, so its failed message can be found.</summary>
public static class ErpRecordKeys
{
    public static string? KeyOf(string rawJson, string property)
    {
        try
        {
            using var doc = JsonDocument.Parse(rawJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(property, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.Number or JsonValueKind.String => value.ToString(),
                    _ => null,
                };
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the caller falls back to the record's position in the page.
        }

        return null;
    }
}
