using System.Globalization;
using System.Net;
using System.Text.Json;
using IpaasMonitor.Connectors.Http;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>Reads the search envelope strictly and each item leniently (one bad item never fails the page).</summary>
internal static class ErpPageReader
{
    /// <summary>What the analyst is told a page should look like.</summary>
    public const string EnvelopeShape = "esperado o envelope {count, totalPages, hasNext, totalItems, items}";

    public static ErpPage<T> Read<T>(string body, int page, ConnectorCall call, HttpStatusCode status)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? $" (linha {(line + 1).ToString(CultureInfo.InvariantCulture)}, posição {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)})"
                : "";
            throw ConnectorHttp.Unreadable(call, status, $"o JSON da página {page} está incompleto ou malformado{where}; {EnvelopeShape}", body, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ConnectorHttp.Unreadable(call, status, $"a página {page} não é um objeto JSON (veio {Kind(root.ValueKind)}); {EnvelopeShape}", body, null);
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw ConnectorHttp.Unreadable(call, status, $"a página {page} traz a propriedade '{property.Name}' mais de uma vez; {EnvelopeShape}", body, null);
                }
            }

            if (!TryGetProperty(root, "items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                var found = TryGetProperty(root, "items", out var other) ? $"'items' veio como {Kind(other.ValueKind)}" : "sem a lista 'items'";
                throw ConnectorHttp.Unreadable(call, status, $"a página {page} está {found}; {EnvelopeShape}", body, null);
            }

            if (!TryGetProperty(root, "hasNext", out var hasNextElement)
                || hasNextElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                var found = TryGetProperty(root, "hasNext", out var other) ? $"'hasNext' veio como {Kind(other.ValueKind)}" : "sem 'hasNext'";
                throw ConnectorHttp.Unreadable(call, status, $"a página {page} está {found}; esperado 'hasNext' true ou false", body, null);
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
        if (element.ValueKind != JsonValueKind.Object)
        {
            return ErpItem<T>.Invalid(page, index, raw, $"o item veio como {Kind(element.ValueKind)}; esperado um objeto JSON com os campos do cadastro.");
        }

        if (ErpRecordProblem.DuplicateProperty(element) is { } duplicate)
        {
            return ErpItem<T>.Invalid(page, index, raw, duplicate.Reason, duplicate.Detail);
        }

        try
        {
            var value = element.Deserialize<T>(ErpJson.Options);
            return value is null
                ? ErpItem<T>.Invalid(page, index, raw, "item nulo; esperado um objeto JSON com os campos do cadastro.")
                : ErpItem<T>.Valid(page, index, raw, value);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            var problem = ErpRecordProblem.FromException<T>(ex, element, ErpJson.Options);
            return ErpItem<T>.Invalid(page, index, raw, problem.Reason, problem.Detail);
        }
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "uma lista",
        JsonValueKind.String => "um texto",
        JsonValueKind.Number => "um número",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "nulo",
        JsonValueKind.Object => "um objeto",
        _ => "vazio",
    };

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
