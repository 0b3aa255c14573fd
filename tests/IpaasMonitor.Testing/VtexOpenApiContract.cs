using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IpaasMonitor.Testing;

/// <summary>
/// Checks requests against VTEX's own OpenAPI 3.0 files (catalog, logistics, orders, pricing), trimmed to the
/// endpoints the connectors call and embedded from <c>OpenApi/</c> (its README names the source and how to refresh):
/// the path must match a documented template, the method must be defined there, path and query parameters must fit their schemas (required ones present, undeclared ones reported), and the JSON body must
/// validate against the operation's <c>requestBody</c> schema with <c>$ref</c>s resolved in the same file.
/// </summary>
/// <remarks>
/// The validator is our own and covers the subset of OpenAPI 3.0 schema the four files use: <c>type</c>,
/// <c>nullable</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>,
/// <c>allOf/anyOf/oneOf</c>, <c>minItems/maxItems</c>, <c>minLength/maxLength</c>, <c>minimum/maximum</c>. (JSON Schema
/// libraries do not understand OpenAPI 3.0's <c>nullable</c>.) It is stricter than JSON Schema on one point, on
/// purpose: a property the schema does not declare is reported when the schema lists its properties and says nothing
/// about <c>additionalProperties</c>, which catches wrong casing such as <c>name</c> for <c>Name</c>.
/// </remarks>
public sealed class VtexOpenApiContract
{
    /// <summary>The logical name prefix of the embedded OpenAPI files (see the project file).</summary>
    public const string ResourcePrefix = "OpenApi/";

    private static readonly Lazy<VtexOpenApiContract> SharedInstance = new(() => Load());
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly List<PathTemplate> templates;

    private VtexOpenApiContract(List<PathTemplate> templates) => this.templates = templates;

    /// <summary>The four trimmed files embedded in this assembly (<c>OpenApi/*.json</c>), loaded once per test run.</summary>
    public static VtexOpenApiContract Shared => SharedInstance.Value;

    /// <summary>Loads every OpenAPI file embedded under <see cref="ResourcePrefix"/>.</summary>
    public static VtexOpenApiContract Load()
    {
        var assembly = typeof(VtexOpenApiContract).Assembly;
        var templates = new List<PathTemplate>();
        foreach (var resource in assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var document = JsonDocument.Parse(stream);
            var name = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            if (!document.RootElement.TryGetProperty("paths", out var paths))
            {
                continue;
            }

            foreach (var path in paths.EnumerateObject())
            {
                templates.Add(new PathTemplate(name, document.RootElement, path.Name, path.Value));
            }
        }

        if (templates.Count == 0)
        {
            throw new InvalidOperationException($"No OpenAPI paths found in the resources '{ResourcePrefix}*.json' of {assembly.GetName().Name}.");
        }

        return new VtexOpenApiContract(templates);
    }

    /// <summary>Validates a request given as a path with an optional query string, e.g. <c>/api/catalog/pvt/brand/12</c>.</summary>
    public IReadOnlyList<string> Validate(string method, string pathAndQuery, string? jsonBody = null)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var parts = pathAndQuery.Split('?', 2);
        var query = parts.Length > 1
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(parts[1]).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return Validate(method, parts[0], query, jsonBody);
    }

    /// <summary>
    /// Validates method, path (relative to the account root: <c>/api/…</c>, or <c>/pricing/…</c> for Pricing), query
    /// and JSON body. Returns readable violations; empty when the request is valid.
    /// </summary>
    public IReadOnlyList<string> Validate(string method, string path, IReadOnlyDictionary<string, string>? query, string? jsonBody)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        query ??= new Dictionary<string, string>();
        var violations = new List<string>();
        var normalised = "/" + path.TrimStart('/');

        var match = templates
            .Select(t => (Template: t, Match: t.Regex.Match(normalised)))
            .Where(m => m.Match.Success)
            .OrderByDescending(m => m.Template.LiteralLength)
            .ToList();
        if (match.Count == 0)
        {
            violations.Add($"{method.ToUpperInvariant()} {normalised}: no such path in the VTEX OpenAPI files");
            return violations;
        }

        var methodName = method.ToLowerInvariant();
        var chosen = match.FirstOrDefault(m => m.Template.Item.TryGetProperty(methodName, out _));
        if (chosen.Template is null)
        {
            var best = match[0].Template;
            var defined = HttpMethods.Where(m => best.Item.TryGetProperty(m, out _)).Select(m => m.ToUpperInvariant());
            violations.Add($"{method.ToUpperInvariant()} {normalised}: method not defined for {best.Path} ({best.Source}); defined: {string.Join(", ", defined)}");
            return violations;
        }

        var template = chosen.Template;
        var operation = template.Item.GetProperty(methodName);
        var context = new SchemaContext(template.Root, violations);
        var label = $"{method.ToUpperInvariant()} {template.Path}";

        ValidateParameters(template, operation, chosen.Match, query, context, label);
        ValidateBody(operation, jsonBody, context, label);
        return violations;
    }

    private static void ValidateParameters(
        PathTemplate template, JsonElement operation, Match match, IReadOnlyDictionary<string, string> query, SchemaContext context, string label)
    {
        var declaredQuery = new HashSet<string>(StringComparer.Ordinal);
        var parameters = new List<JsonElement>();
        if (template.Item.TryGetProperty("parameters", out var shared))
        {
            parameters.AddRange(shared.EnumerateArray());
        }

        if (operation.TryGetProperty("parameters", out var own))
        {
            parameters.AddRange(own.EnumerateArray());
        }

        foreach (var raw in parameters)
        {
            var parameter = context.Resolve(raw);
            var name = parameter.GetProperty("name").GetString()!;
            var location = parameter.TryGetProperty("in", out var inElement) ? inElement.GetString() : null;
            var required = parameter.TryGetProperty("required", out var requiredElement) && requiredElement.ValueKind == JsonValueKind.True;
            parameter.TryGetProperty("schema", out var schema);

            if (location == "path")
            {
                var group = match.Groups[PathTemplate.GroupName(name)];
                if (group.Success && schema.ValueKind == JsonValueKind.Object)
                {
                    context.ValidateScalarText(schema, Uri.UnescapeDataString(group.Value), $"{label} path parameter '{name}'");
                }
            }
            else if (location == "query")
            {
                declaredQuery.Add(name);
                if (query.TryGetValue(name, out var value))
                {
                    if (schema.ValueKind == JsonValueKind.Object)
                    {
                        context.ValidateScalarText(schema, value, $"{label} query parameter '{name}'");
                    }
                }
                else if (required)
                {
                    context.Violations.Add($"{label}: required query parameter '{name}' is missing");
                }
            }
        }

        foreach (var name in query.Keys.Where(k => !declaredQuery.Contains(k)))
        {
            context.Violations.Add($"{label}: query parameter '{name}' is not declared (declared: {string.Join(", ", declaredQuery)})");
        }
    }

    private static void ValidateBody(JsonElement operation, string? jsonBody, SchemaContext context, string label)
    {
        var hasBody = !string.IsNullOrWhiteSpace(jsonBody);
        if (!operation.TryGetProperty("requestBody", out var requestBodyRaw))
        {
            if (hasBody)
            {
                context.Violations.Add($"{label}: the operation takes no request body, but one was sent");
            }

            return;
        }

        var requestBody = context.Resolve(requestBodyRaw);
        var bodyRequired = requestBody.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
        if (!hasBody)
        {
            if (bodyRequired)
            {
                context.Violations.Add($"{label}: a request body is required");
            }

            return;
        }

        if (!requestBody.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var media))
        {
            context.Violations.Add($"{label}: the operation does not take an application/json body");
            return;
        }

        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(jsonBody!);
        }
        catch (JsonException ex)
        {
            context.Violations.Add($"{label}: the body is not valid JSON ({ex.Message})");
            return;
        }

        using (body)
        {
            if (media.TryGetProperty("schema", out var schema))
            {
                context.Validate(schema, body.RootElement, "$", label);
            }
        }
    }

    private sealed class PathTemplate
    {
        public PathTemplate(string source, JsonElement root, string path, JsonElement item)
        {
            Source = source;
            Root = root;
            Path = path;
            Item = item;
            var pattern = Regex.Replace(
                Regex.Escape(path).Replace(@"\{", "{", StringComparison.Ordinal),
                @"\{([^}/]+)}",
                m => $"(?<{GroupName(m.Groups[1].Value)}>[^/]+?)");
            Regex = new Regex($"^{pattern}/?$", RegexOptions.CultureInvariant);
            LiteralLength = Regex.Replace(path, @"\{[^}]+}", "").Length;
        }

        public string Source { get; }

        public JsonElement Root { get; }

        public string Path { get; }

        public JsonElement Item { get; }

        public Regex Regex { get; }

        public int LiteralLength { get; }

        /// <summary>A regex group name for a path parameter ("p_" + the name with anything but letters and digits as '_').</summary>
        public static string GroupName(string name) => "p_" + Regex.Replace(name, "[^A-Za-z0-9]", "_");
    }

    private sealed class SchemaContext(JsonElement root, List<string> violations)
    {
        public List<string> Violations => violations;

        public JsonElement Resolve(JsonElement element)
        {
            for (var depth = 0; depth < 20 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); depth++)
            {
                element = Pointer(reference.GetString()!);
            }

            return element;
        }

        public void ValidateScalarText(JsonElement schema, string text, string label)
        {
            schema = Resolve(schema);
            var type = TypeOf(schema);
            var ok = type switch
            {
                "integer" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                "number" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                "boolean" => text is "true" or "false",
                _ => true,
            };
            if (!ok)
            {
                violations.Add($"{label}: '{text}' is not a valid {type}");
            }

            if (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.ToString() != text))
            {
                violations.Add($"{label}: '{text}' is not one of {values.GetRawText()}");
            }
        }

        public void Validate(JsonElement schema, JsonElement value, string path, string label) =>
            ValidateCore(Resolve(schema), value, path, label);

        private void ValidateCore(JsonElement schema, JsonElement value, string path, string label)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                var nullable = schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True;
                if (!nullable && TypeOf(schema) is { } expected)
                {
                    violations.Add($"{label} body {path}: null is not allowed (expected {expected}; the schema is not nullable)");
                }

                return;
            }

            if (schema.TryGetProperty("allOf", out var allOf))
            {
                foreach (var part in allOf.EnumerateArray())
                {
                    ValidateCore(Resolve(part), value, path, label);
                }
            }

            foreach (var keyword in new[] { "anyOf", "oneOf" })
            {
                if (schema.TryGetProperty(keyword, out var alternatives))
                {
                    var results = alternatives.EnumerateArray().Select(alt =>
                    {
                        var nested = new SchemaContext(root, []);
                        nested.ValidateCore(nested.Resolve(alt), value, path, label);
                        return nested.Violations;
                    }).ToList();
                    if (results.TrueForAll(r => r.Count > 0))
                    {
                        violations.Add($"{label} body {path}: matches none of the {keyword} alternatives (first: {results[0].FirstOrDefault()})");
                    }
                }
            }

            if (!CheckType(schema, value, path, label))
            {
                return;
            }

            if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonEquals(v, value)))
            {
                violations.Add($"{label} body {path}: {value.GetRawText()} is not one of {values.GetRawText()}");
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    ValidateObject(schema, value, path, label);
                    break;
                case JsonValueKind.Array:
                    ValidateArray(schema, value, path, label);
                    break;
                case JsonValueKind.String:
                    var length = value.GetString()!.Length;
                    if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
                    {
                        violations.Add($"{label} body {path}: longer than maxLength {max.GetInt32()}");
                    }

                    if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
                    {
                        violations.Add($"{label} body {path}: shorter than minLength {min.GetInt32()}");
                    }

                    break;
                case JsonValueKind.Number:
                    var number = value.GetDouble();
                    if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDouble())
                    {
                        violations.Add($"{label} body {path}: {value.GetRawText()} is below minimum {minimum.GetRawText()}");
                    }

                    if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDouble())
                    {
                        violations.Add($"{label} body {path}: {value.GetRawText()} is above maximum {maximum.GetRawText()}");
                    }

                    break;
            }
        }

        private bool CheckType(JsonElement schema, JsonElement value, string path, string label)
        {
            var type = TypeOf(schema);
            if (type is null)
            {
                return true;
            }

            var ok = type switch
            {
                "object" => value.ValueKind == JsonValueKind.Object,
                "array" => value.ValueKind == JsonValueKind.Array,
                "string" => value.ValueKind == JsonValueKind.String,
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "number" => value.ValueKind == JsonValueKind.Number,
                "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
                _ => true,
            };
            if (!ok)
            {
                violations.Add($"{label} body {path}: expected {type} but got {Describe(value)}");
            }

            return ok;
        }

        private void ValidateObject(JsonElement schema, JsonElement value, string path, string label)
        {
            var declared = DeclaredProperties(schema);
            foreach (var name in RequiredProperties(schema))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    violations.Add($"{label} body {path}: required property '{name}' is missing");
                }
            }

            schema.TryGetProperty("additionalProperties", out var additional);
            foreach (var property in value.EnumerateObject())
            {
                var childPath = $"{path}.{property.Name}";
                if (declared.TryGetValue(property.Name, out var propertySchema))
                {
                    ValidateCore(Resolve(propertySchema), property.Value, childPath, label);
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    ValidateCore(Resolve(additional), property.Value, childPath, label);
                }
                else if (additional.ValueKind == JsonValueKind.False || (additional.ValueKind == JsonValueKind.Undefined && declared.Count > 0))
                {
                    var hint = declared.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                    violations.Add(hint is null
                        ? $"{label} body {path}: property '{property.Name}' is not declared (declared: {string.Join(", ", declared.Keys)})"
                        : $"{label} body {path}: property '{property.Name}' is not declared; did you mean '{hint}'?");
                }
            }
        }

        private void ValidateArray(JsonElement schema, JsonElement value, string path, string label)
        {
            var count = value.GetArrayLength();
            if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
            {
                violations.Add($"{label} body {path}: {count} items, fewer than minItems {min.GetInt32()}");
            }

            if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
            {
                violations.Add($"{label} body {path}: {count} items, more than maxItems {max.GetInt32()}");
            }

            if (schema.TryGetProperty("items", out var items))
            {
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    ValidateCore(Resolve(items), item, $"{path}[{index++}]", label);
                }
            }
        }

        private Dictionary<string, JsonElement> DeclaredProperties(JsonElement schema)
        {
            var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    result[property.Name] = property.Value;
                }
            }

            if (schema.TryGetProperty("allOf", out var allOf))
            {
                foreach (var part in allOf.EnumerateArray())
                {
                    foreach (var (name, value) in DeclaredProperties(Resolve(part)))
                    {
                        result.TryAdd(name, value);
                    }
                }
            }

            return result;
        }

        private static IEnumerable<string> RequiredProperties(JsonElement schema) =>
            schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
                ? required.EnumerateArray().Select(r => r.GetString()!).Where(r => r is not null)
                : [];

        private static string? TypeOf(JsonElement schema) =>
            schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

        private static bool IsInteger(JsonElement value) =>
            value.TryGetInt64(out _) || (value.TryGetDecimal(out var d) && decimal.Truncate(d) == d && !value.GetRawText().Contains('.', StringComparison.Ordinal));

        private static bool JsonEquals(JsonElement a, JsonElement b) =>
            a.ValueKind == b.ValueKind && (a.ValueKind == JsonValueKind.String
                ? a.GetString() == b.GetString()
                : a.GetRawText() == b.GetRawText());

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"string {value.GetRawText()}",
            JsonValueKind.Number => $"number {value.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => $"boolean {value.GetRawText()}",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => value.ValueKind.ToString().ToLowerInvariant(),
        };

        private JsonElement Pointer(string reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"Only local $refs are supported, got '{reference}'.");
            }

            var current = root;
            foreach (var rawSegment in reference[2..].Split('/'))
            {
                var segment = Uri.UnescapeDataString(rawSegment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (!current.TryGetProperty(segment, out current))
                {
                    throw new InvalidOperationException($"Unresolvable $ref '{reference}'.");
                }
            }

            return current;
        }
    }
}
