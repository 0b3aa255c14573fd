using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>
/// Why one ERP record could not be read, in two parts: <see cref="Reason"/> for the analyst (pt-BR: the field, the
/// value received and what was expected) and <see cref="Detail"/> with the technical text (System.Text.Json's message,
/// .NET type names), which is kept in the message detail, never as the grid reason.
/// </summary>
public sealed record ErpRecordProblem(string Reason, string? Detail)
{
    private const int MaxValueLength = 60;

    /// <summary>
    /// A property that appears twice in one JSON object (at any depth), compared like the reader matches names
    /// (case-insensitive); null when there is none. The serializer is set to refuse them as well
    /// (<see cref="JsonSerializerOptions.AllowDuplicateProperties"/>); this names the field for the analyst.
    /// </summary>
    public static ErpRecordProblem? DuplicateProperty(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!names.Add(property.Name))
                    {
                        return new ErpRecordProblem(
                            $"campo '{field}' repetido no registro (o JSON traz a mesma propriedade mais de uma vez); esperado cada campo uma única vez.",
                            $"Duplicate JSON property '{field}'.");
                    }

                    if (DuplicateProperty(property.Value, field) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (DuplicateProperty(item, $"{path}[{index++.ToString(CultureInfo.InvariantCulture)}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Words a serializer failure on <paramref name="element"/> (read as <typeparamref name="T"/>) for the analyst.</summary>
    public static ErpRecordProblem FromException<T>(Exception exception, JsonElement element, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        var detail = exception.Message;
        const string Missing = "missing required properties including: ";
        var missing = detail.IndexOf(Missing, StringComparison.Ordinal);
        if (missing >= 0)
        {
            var names = detail[(missing + Missing.Length)..].TrimEnd('.').Replace("'", "", StringComparison.Ordinal);
            return new ErpRecordProblem($"campo obrigatório ausente: {names}.", detail);
        }

        var path = (exception as JsonException)?.Path ?? PathOf(detail);
        var segments = Segments(path);
        if (segments.Count == 0)
        {
            return new ErpRecordProblem("registro ilegível: esperado um objeto JSON com os campos do cadastro.", detail);
        }

        var field = string.Join('.', segments.Select(s => s.Index is { } i ? $"{s.Name}[{i.ToString(CultureInfo.InvariantCulture)}]" : s.Name));
        var value = ValueAt(element, segments);
        var expected = Expected(ExpectedType(typeof(T), segments, options));
        if (value is null)
        {
            return new ErpRecordProblem($"campo '{field}' com valor ilegível; esperado {expected}.", detail);
        }

        if (value.Value.ValueKind == JsonValueKind.Null)
        {
            return new ErpRecordProblem($"campo '{field}' nulo; esperado {expected}.", detail);
        }

        return new ErpRecordProblem($"campo '{field}' com valor {Show(value.Value)}; esperado {expected}.", detail);
    }

    /// <summary>A JSON value as the analyst sees it, shortened: "abc" (texto), 12.5, true, [...], {...}.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Shorten(value.GetString() ?? "")}\" (texto)",
        JsonValueKind.Number => Shorten(value.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "uma lista",
        JsonValueKind.Object => "um objeto",
        _ => "nulo",
    };

    private static string Shorten(string text) =>
        text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength), $"… ({text.Length.ToString(CultureInfo.InvariantCulture)} caracteres)");

    private static string Expected(Type? type)
    {
        if (type is null)
        {
            return "um valor do tipo do campo";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return "um número inteiro (ex.: 123)";
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return "um número (ex.: 129.90)";
        }

        if (type == typeof(bool))
        {
            return "true ou false";
        }

        if (type == typeof(string))
        {
            return "um texto";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "uma data ISO 8601 válida (ex.: 2026-03-10T12:00:00-03:00)";
        }

        return type.IsArray || (type != typeof(string) && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
            ? "uma lista"
            : "um objeto";
    }

    /// <summary>The CLR type the serializer wanted at <paramref name="segments"/> of <paramref name="root"/>.</summary>
    private static Type? ExpectedType(Type root, IReadOnlyList<(string Name, int? Index)> segments, JsonSerializerOptions options)
    {
        var type = root;
        foreach (var (name, index) in segments)
        {
            var info = options.GetTypeInfo(type);
            var property = info.Kind == JsonTypeInfoKind.Object
                ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                : null;
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
            if (index is not null)
            {
                var element = options.GetTypeInfo(type).ElementType;
                if (element is null)
                {
                    return null;
                }

                type = element;
            }
        }

        return type;
    }

    private static JsonElement? ValueAt(JsonElement element, IReadOnlyList<(string Name, int? Index)> segments)
    {
        var current = element;
        foreach (var (name, index) in segments)
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var found = current.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
            if (found is not { } next)
            {
                return null;
            }

            current = next;
            if (index is { } i)
            {
                if (current.ValueKind != JsonValueKind.Array || i >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[i];
            }
        }

        return current;
    }

    private static string? PathOf(string message)
    {
        var at = message.IndexOf("Path: ", StringComparison.Ordinal);
        return at < 0 ? null : message[(at + 6)..].Split(' ', '|')[0];
    }

    /// <summary>"$.balances[0].stock" → (balances, 0), (stock, null).</summary>
    private static List<(string Name, int? Index)> Segments(string? path)
    {
        var segments = new List<(string, int?)>();
        if (string.IsNullOrEmpty(path) || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return segments;
        }

        foreach (var part in path[2..].Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                segments.Add((part, null));
                continue;
            }

            var name = part[..bracket];
            var end = part.IndexOf(']', bracket);
            int? index = end > bracket && int.TryParse(part.AsSpan(bracket + 1, end - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
            if (name.Length > 0)
            {
                segments.Add((name, index));
            }
        }

        return segments;
    }
}
