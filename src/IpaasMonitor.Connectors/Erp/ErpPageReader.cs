using System.Net;
using System.Text.Json;
using IpaasMonitor.Connectors.Http;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>Reads the search envelope strictly and each item leniently (one bad item never fails the page).</summary>
internal static class ErpPageReader
{
    public static ErpPage<T> Read<T>(string body, int page, ConnectorCall call, HttpStatusCode status)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw ConnectorHttp.Unreadable(call, status, $"JSON malformado na página {page}: {ex.Message}", body, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ConnectorHttp.Unreadable(call, status, $"página {page} não é um objeto JSON ({root.ValueKind})", body, null);
            }

            if (!TryGetProperty(root, "items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw ConnectorHttp.Unreadable(call, status, $"página {page} sem a lista 'items'", body, null);
            }

            if (!TryGetProperty(root, "hasNext", out var hasNextElement)
                || hasNextElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw ConnectorHttp.Unreadable(call, status, $"página {page} sem 'hasNext' booleano", body, null);
            }

            var parsed = new List<ErpItem<T>>(items.GetArrayLength());
            var index = 0;
            foreach (var element in items.EnumerateArray())
            {
                parsed.Add(ReadItem<T>(element, page, index++));
            }

            return new ErpPage<T>(
                page,
                GetInt(root, "count") ?? parsed.Count,
                GetInt(root, "totalPages") ?? 0,
                hasNextElement.GetBoolean(),
                GetInt(root, "totalItems") ?? 0,
                parsed);
        }
    }

    private static ErpItem<T> ReadItem<T>(JsonElement element, int page, int index)
    {
        var raw = element.GetRawText();
        try
        {
            var value = element.Deserialize<T>(ErpJson.Options);
            return value is null
                ? ErpItem<T>.Invalid(page, index, raw, "item nulo")
                : ErpItem<T>.Valid(page, index, raw, value);
        }
        catch (JsonException ex)
        {
            return ErpItem<T>.Invalid(page, index, raw, ex.Message);
        }
        catch (FormatException ex)
        {
            return ErpItem<T>.Invalid(page, index, raw, ex.Message);
        }
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    private static int? GetInt(JsonElement root, string name) =>
        TryGetProperty(root, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
