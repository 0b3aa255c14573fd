using System.Text.Json;
using System.Text.Json.Serialization;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>A TOTVS Moda 4xx error item (totvs-side.md §2.8).</summary>
internal sealed record ErpProblem(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DetailedMessage = null);

/// <summary>
/// A parsed TOTVS Moda search body: <c>{ "filter": {…}, "option": {…}, "expand": "…", "order": "…", "page": 1, "pageSize": N }</c>.
/// </summary>
internal sealed class ErpSearchRequest
{
    public const int DefaultPageSize = 100;

    private ErpSearchRequest(JsonElement filter, JsonElement option, string? order, string? expand, int page, int pageSize)
    {
        Filter = filter;
        Option = option;
        Order = order;
        Expand = expand;
        Page = page;
        PageSize = pageSize;
    }

    public JsonElement Filter { get; }

    public JsonElement Option { get; }

    public string? Order { get; }

    public string? Expand { get; }

    public int Page { get; }

    public int PageSize { get; }

    public DateTimeOffset? ChangeStart { get; private set; }

    public DateTimeOffset? ChangeEnd { get; private set; }

    public static bool TryParse(string? body, int maxPageSize, out ErpSearchRequest request, out ErpProblem? problem)
    {
        request = null!;
        problem = null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            problem = new ErpProblem("InvalidJson", "The request body is not valid JSON.", ex.Message);
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = new ErpProblem("InvalidJson", "The request body must be a JSON object.");
            return false;
        }

        var filter = Property(root, "filter");
        var option = Property(root, "option");
        if (!TryInt(root, "page", 1, out var page) || !TryInt(root, "pageSize", DefaultPageSize, out var pageSize))
        {
            problem = new ErpProblem("InvalidParameter", "page and pageSize must be integers.");
            return false;
        }

        if (page < 1)
        {
            problem = new ErpProblem("InvalidParameter", "page must be 1 or greater.", $"page: {page}");
            return false;
        }

        if (pageSize < 1 || pageSize > maxPageSize)
        {
            problem = new ErpProblem("InvalidParameter", $"pageSize must be between 1 and {maxPageSize}.", $"pageSize: {pageSize}");
            return false;
        }

        var parsed = new ErpSearchRequest(filter, option, String(root, "order"), String(root, "expand"), page, pageSize);
        request = parsed;

        var change = Property(filter, "change");
        if (change.ValueKind == JsonValueKind.Object)
        {
            if (!TryDate(change, "startDate", out var start, out problem) || !TryDate(change, "endDate", out var end, out problem))
            {
                return false;
            }

            parsed.ChangeStart = start;
            parsed.ChangeEnd = end;
            if (start > end)
            {
                problem = new ErpProblem("InvalidParameter", "filter.change.startDate must not be after filter.change.endDate.");
                return false;
            }
        }

        return true;
    }

    private static bool TryDate(JsonElement change, string name, out DateTimeOffset? value, out ErpProblem? problem)
    {
        value = null;
        problem = null;
        var text = String(change, name);
        if (text is null)
        {
            return true;
        }

        if (ErpDates.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = new ErpProblem("InvalidParameter", $"filter.change.{name} is not a valid date.", text);
        return false;
    }

    /// <summary>Inclusive start, inclusive end; no window = everything.</summary>
    public bool InChangeWindow(DateTimeOffset changedAt) =>
        (ChangeStart is null || changedAt >= ChangeStart) && (ChangeEnd is null || changedAt <= ChangeEnd);

    /// <summary>An integer list of the filter (null when absent or empty, meaning "no restriction").</summary>
    public HashSet<int>? FilterInts(string name) => Ints(Filter, name);

    public static HashSet<int>? Ints(JsonElement parent, string name)
    {
        var list = Property(parent, name);
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return null;
        }

        var set = new HashSet<int>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n))
            {
                set.Add(n);
            }
            else if (item.ValueKind == JsonValueKind.String && int.TryParse(item.GetString(), out n))
            {
                set.Add(n);
            }
        }

        return set;
    }

    /// <summary>A string list of the filter (null when absent or empty).</summary>
    public HashSet<string>? FilterStrings(string name)
    {
        var list = Property(Filter, name);
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return null;
        }

        return [.. list.EnumerateArray().Select(i => i.ToString())];
    }

    /// <summary>Case-insensitive property lookup (clients send camelCase and PascalCase).</summary>
    public static JsonElement Property(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        foreach (var p in parent.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return default;
    }

    public static string? String(JsonElement parent, string name)
    {
        var value = Property(parent, name);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToString(),
            _ => null,
        };
    }

    private static bool TryInt(JsonElement parent, string name, int fallback, out int value)
    {
        var element = Property(parent, name);
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                value = fallback;
                return true;
            case JsonValueKind.Number:
                return element.TryGetInt32(out value);
            case JsonValueKind.String:
                return int.TryParse(element.GetString(), out value);
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Sorts by the "order" list ("code", "-code", "name,-code"); unknown fields are a 400.</summary>
    public bool TrySort<T>(IEnumerable<T> items, IReadOnlyDictionary<string, Func<T, IComparable>> keys, string defaultOrder, out List<T> sorted, out ErpProblem? problem)
    {
        sorted = [];
        problem = null;
        var fields = (string.IsNullOrWhiteSpace(Order) ? defaultOrder : Order)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IOrderedEnumerable<T>? ordered = null;
        foreach (var field in fields)
        {
            var descending = field.StartsWith('-');
            var name = field.TrimStart('-', '+');
            var key = keys.FirstOrDefault(k => string.Equals(k.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (key is null)
            {
                problem = new ErpProblem("InvalidParameter", $"order field '{name}' is not supported.", $"Supported: {string.Join(", ", keys.Keys)}");
                return false;
            }

            ordered = ordered is null
                ? descending ? items.OrderByDescending(key) : items.OrderBy(key)
                : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        }

        sorted = ordered is null ? [.. items] : [.. ordered];
        return true;
    }

    public ErpPage<TOut> ToPage<TIn, TOut>(IReadOnlyList<TIn> all, Func<TIn, TOut> map)
    {
        var totalPages = (int)Math.Ceiling(all.Count / (double)PageSize);
        var items = all.Skip((int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize)).Take(PageSize).Select(map).ToList();
        return new ErpPage<TOut>(items.Count, totalPages, Page < totalPages, all.Count, items);
    }
}

/// <summary>TOTVS Moda search response envelope.</summary>
internal sealed record ErpPage<T>(int Count, int TotalPages, bool HasNext, int TotalItems, IReadOnlyList<T> Items);

internal static class ErpResults
{
    public static IResult Ok<T>(T value) => Results.Json(value, SandboxJson.Erp);

    public static IResult Error(ErpErrorShape shape, int status, ErpProblem problem)
    {
        object body = shape == ErpErrorShape.Array
            ? new[] { problem }
            : new { messages = new[] { problem } };
        return Results.Json(body, SandboxJson.Erp, statusCode: status);
    }

    public static IResult Unauthorized(string reason)
    {
        return new UnauthorizedResult(reason);
    }

    private sealed class UnauthorizedResult(string reason) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            httpContext.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
            return Task.CompletedTask;
        }
    }
}
