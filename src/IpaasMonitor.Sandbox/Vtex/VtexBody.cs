using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// Lenient reader of a VTEX JSON body: case-insensitive names, numbers accepted as numbers or numeric strings.
/// A value of the wrong type is recorded in <see cref="Errors"/> (the endpoint answers 400).
/// </summary>
internal sealed class VtexBody
{
    private readonly Dictionary<string, JsonElement> properties;

    private VtexBody(JsonElement root)
    {
        Root = root;
        properties = root.ValueKind == JsonValueKind.Object
            ? root.EnumerateObject().GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
    }

    public JsonElement Root { get; }

    public List<string> Errors { get; } = [];

    /// <summary>Parses the buffered request body; on failure <paramref name="bad"/> is the 400 to return.</summary>
    public static bool TryRead(HttpContext http, JsonValueKind expected, out VtexBody body, out IResult bad)
    {
        body = null!;
        bad = Results.Empty;
        var text = SandboxRequestFilter.Body(http);
        if (string.IsNullOrWhiteSpace(text))
        {
            bad = VtexResults.Error(StatusCodes.Status400BadRequest, "The request body is required.");
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement.Clone();
            if (root.ValueKind != expected)
            {
                bad = VtexResults.Error(StatusCodes.Status400BadRequest, $"The request body must be a JSON {(expected == JsonValueKind.Array ? "array" : "object")}.");
                return false;
            }

            body = new VtexBody(root);
            return true;
        }
        catch (JsonException ex)
        {
            bad = VtexResults.Error(StatusCodes.Status400BadRequest, $"Malformed JSON: {ex.Message}");
            return false;
        }
    }

    public static VtexBody Of(JsonElement element) => new(element);

    public bool Has(string name) => properties.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name)
    {
        if (!properties.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        if (v.ValueKind is JsonValueKind.Number)
        {
            return v.GetRawText();
        }

        Errors.Add($"{name} must be a string.");
        return null;
    }

    public int? Int(string name)
    {
        if (!properties.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
        {
            return n;
        }

        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        Errors.Add($"{name} must be an integer.");
        return null;
    }

    public double? Double(string name)
    {
        if (!properties.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetDouble();
        }

        if (v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        Errors.Add($"{name} must be a number.");
        return null;
    }

    public decimal? Decimal(string name)
    {
        if (!properties.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetDecimal();
        }

        if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        Errors.Add($"{name} must be a number.");
        return null;
    }

    public bool? Bool(string name)
    {
        if (!properties.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        Errors.Add($"{name} must be a boolean.");
        return null;
    }

    public JsonElement Element(string name) => properties.TryGetValue(name, out var v) ? v : default;

    public IReadOnlyList<string> Strings(string name)
    {
        var v = Element(name);
        if (v.ValueKind == JsonValueKind.Undefined || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            Errors.Add($"{name} must be an array.");
            return [];
        }

        return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText())];
    }

    /// <summary>The 400 for the first type error, or null.</summary>
    public IResult? Invalid() => Errors.Count == 0 ? null : VtexResults.Error(StatusCodes.Status400BadRequest, string.Join(" ", Errors));
}
