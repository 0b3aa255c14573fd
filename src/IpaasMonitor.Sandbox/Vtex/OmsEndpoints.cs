using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>
/// Orders routes (VTEX - Orders API.json): feed v3 and its configuration, hook configuration, get order,
/// start-handling, invoice and cancel. Choices where VTEX publishes nothing are documented on <see cref="OmsStore"/>.
/// The hook configuration is stored but the sandbox does not POST the "ping" nor notifications (the hub reads the feed).
/// </summary>
internal static class OmsEndpoints
{
    private const int MaxLot = 10;
    private const int MinRetention = 345_600;
    private const int MaxRetention = 1_209_600;

    internal static readonly SandboxGroup Group = new("vtex", "orders", "vtex", "account");

    /// <summary>OMS bodies are camelCase.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Map(RouteGroupBuilder vtex)
    {
        var g = Group;
        vtex.MapSandbox(g, "GET", "orders/feed", "api/orders/feed", ReadFeed);
        vtex.MapSandbox(g, "POST", "orders/feed", "api/orders/feed", CommitFeed);
        vtex.MapSandbox(g, "GET", "orders/feed/config", "api/orders/feed/config", GetFeedConfig);
        vtex.MapSandbox(g, "POST", "orders/feed/config", "api/orders/feed/config", SetFeedConfig);
        vtex.MapSandbox(g, "DELETE", "orders/feed/config", "api/orders/feed/config", DeleteFeedConfig);
        vtex.MapSandbox(g, "GET", "orders/hook/config", "api/orders/hook/config", GetHookConfig);
        vtex.MapSandbox(g, "POST", "orders/hook/config", "api/orders/hook/config", SetHookConfig);
        vtex.MapSandbox(g, "DELETE", "orders/hook/config", "api/orders/hook/config", DeleteHookConfig);
        vtex.MapSandbox(g, "GET", "oms/order", "api/oms/pvt/orders/{orderId}", GetOrder);
        vtex.MapSandbox(g, "POST", "oms/start-handling", "api/oms/pvt/orders/{orderId}/start-handling", StartHandling);
        vtex.MapSandbox(g, "POST", "oms/invoice", "api/oms/pvt/orders/{orderId}/invoice", Invoice);
        vtex.MapSandbox(g, "POST", "oms/cancel", "api/oms/pvt/orders/{orderId}/cancel", Cancel);
    }

    private static OmsStore Store(SandboxState state, string account) => state.Orders.Oms(account);

    private static IResult ReadFeed(SandboxState state, string account, HttpContext http)
    {
        var store = Store(state, account);
        if (!store.FeedConfigured)
        {
            return Error(StatusCodes.Status404NotFound, "FEED001", "Feed not configured for this appKey");
        }

        var raw = http.Request.Query["maxlot"].ToString();
        var maxLot = MaxLot;
        if (raw.Length > 0 && (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out maxLot) || maxLot is < 1 or > MaxLot))
        {
            return Error(StatusCodes.Status400BadRequest, "FEED002", $"maxlot must be between 1 and {MaxLot}");
        }

        var events = store.ReadFeed(maxLot);
        return Results.Json(
            events.Select(e => new
            {
                eventId = e.EventId,
                handle = e.Handle,
                domain = "Fulfillment",
                state = e.State,
                lastState = e.LastState,
                orderId = e.OrderId,
                lastChange = Date(e.LastChange),
                currentChange = Date(e.CurrentChange),
            }).ToList(),
            Json);
    }

    private static IResult CommitFeed(SandboxState state, string account, HttpContext http)
    {
        if (!TryBody(http, out var body, out var bad))
        {
            return bad;
        }

        var handles = ErpSearchRequest.Property(body, "handles");
        if (handles.ValueKind != JsonValueKind.Array)
        {
            return Error(StatusCodes.Status400BadRequest, "FEED003", "handles (array of strings) is required");
        }

        var list = handles.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!).ToList();
        Store(state, account).Commit(list);
        return Results.Ok();
    }

    private static IResult GetFeedConfig(SandboxState state, string account) =>
        Store(state, account).FeedConfig is { } config
            ? Results.Json(config, Json)
            : Error(StatusCodes.Status404NotFound, "FEED004", "Feed configuration not found");

    private static IResult SetFeedConfig(SandboxState state, string account, HttpContext http)
    {
        if (!TryBody(http, out var body, out var bad))
        {
            return bad;
        }

        var filter = ErpSearchRequest.Property(body, "filter");
        var queue = ErpSearchRequest.Property(body, "queue");
        if (filter.ValueKind != JsonValueKind.Object || queue.ValueKind != JsonValueKind.Object)
        {
            return Error(StatusCodes.Status400BadRequest, "FEED005", "filter and queue are required");
        }

        var type = ErpSearchRequest.String(filter, "type");
        var status = ErpSearchRequest.Property(filter, "status");
        var expression = ErpSearchRequest.String(filter, "expression");
        HashSet<string>? statuses = null;
        switch (type)
        {
            case "FromWorkflow":
                if (expression is not null)
                {
                    return Error(StatusCodes.Status409Conflict, "FEED006", "FromWorkflow filters take status, not expression");
                }

                if (status.ValueKind != JsonValueKind.Array || status.GetArrayLength() == 0)
                {
                    return Error(StatusCodes.Status400BadRequest, "FEED007", "FromWorkflow needs a status list");
                }

                statuses = [.. status.EnumerateArray().Select(s => s.ToString())];
                break;
            case "FromOrders":
                if (status.ValueKind == JsonValueKind.Array)
                {
                    return Error(StatusCodes.Status409Conflict, "FEED006", "FromOrders filters take expression, not status");
                }

                break;
            default:
                return Error(StatusCodes.Status400BadRequest, "FEED008", "filter.type must be FromWorkflow or FromOrders");
        }

        var visibility = ErpSearchRequest.Property(queue, "visibilityTimeoutInSeconds");
        var retention = ErpSearchRequest.Property(queue, "MessageRetentionPeriodInSeconds");
        if (visibility.ValueKind != JsonValueKind.Number || !visibility.TryGetInt32(out var seconds) || seconds < 1)
        {
            return Error(StatusCodes.Status400BadRequest, "FEED009", "queue.visibilityTimeoutInSeconds must be a positive integer");
        }

        if (retention.ValueKind != JsonValueKind.Number || !retention.TryGetInt32(out var keep) || keep is < MinRetention or > MaxRetention)
        {
            return Error(StatusCodes.Status400BadRequest, "FEED010", $"queue.MessageRetentionPeriodInSeconds must be between {MinRetention} and {MaxRetention}");
        }

        Store(state, account).SetFeedConfig(body, statuses, TimeSpan.FromSeconds(seconds));
        return Results.Ok();
    }

    private static IResult DeleteFeedConfig(SandboxState state, string account)
    {
        Store(state, account).DeleteFeedConfig();
        return Results.Ok();
    }

    private static IResult GetHookConfig(SandboxState state, string account) =>
        Store(state, account).HookConfig is { } config
            ? Results.Json(config, Json)
            : Error(StatusCodes.Status404NotFound, "HOOK001", "Hook configuration not found");

    private static IResult SetHookConfig(SandboxState state, string account, HttpContext http)
    {
        if (!TryBody(http, out var body, out var bad))
        {
            return bad;
        }

        var hook = ErpSearchRequest.Property(body, "hook");
        var url = ErpSearchRequest.String(hook, "url");
        if (ErpSearchRequest.Property(body, "filter").ValueKind != JsonValueKind.Object || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return Error(StatusCodes.Status400BadRequest, "HOOK002", "filter and hook.url (absolute) are required");
        }

        Store(state, account).SetHookConfig(body);
        return Results.Ok();
    }

    private static IResult DeleteHookConfig(SandboxState state, string account)
    {
        Store(state, account).SetHookConfig(null);
        return Results.Ok();
    }

    private static IResult GetOrder(SandboxState state, string account, string orderId) =>
        Store(state, account).Find(orderId) is { } order
            ? Results.Json(OmsOrderJson.Render(order, account), Json)
            : ToResult(OmsResult.NotFound(orderId));

    private static IResult StartHandling(SandboxState state, string account, string orderId) =>
        ToResult(Store(state, account).StartHandling(orderId));

    private static IResult Invoice(SandboxState state, string account, string orderId, HttpContext http)
    {
        if (!TryBody(http, out var body, out var bad))
        {
            return bad;
        }

        var type = ErpSearchRequest.String(body, "type");
        var number = ErpSearchRequest.String(body, "invoiceNumber");
        var value = ErpSearchRequest.Property(body, "invoiceValue");
        var issuance = ErpSearchRequest.String(body, "issuanceDate");
        if (type is not ("Output" or "Input"))
        {
            return Error(StatusCodes.Status400BadRequest, "OMS020", "type must be Output or Input");
        }

        if (string.IsNullOrWhiteSpace(number) || !number.All(char.IsAsciiLetterOrDigit))
        {
            return Error(StatusCodes.Status400BadRequest, "OMS021", "invoiceNumber is required and must be alphanumeric");
        }

        if (value.ValueKind != JsonValueKind.String || !long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var cents) || cents <= 0)
        {
            return Error(StatusCodes.Status400BadRequest, "OMS022", "invoiceValue must be a string of cents greater than 0");
        }

        if (!DateTimeOffset.TryParse(issuance, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return Error(StatusCodes.Status400BadRequest, "OMS023", "issuanceDate must be a date with time");
        }

        var itemsElement = ErpSearchRequest.Property(body, "items");
        if (itemsElement.ValueKind != JsonValueKind.Array)
        {
            return Error(StatusCodes.Status400BadRequest, "OMS024", "items is required");
        }

        var items = new List<OmsInvoiceItem>();
        foreach (var item in itemsElement.EnumerateArray())
        {
            var id = ErpSearchRequest.Property(item, "id");
            var price = ErpSearchRequest.Property(item, "price");
            var quantity = ErpSearchRequest.Property(item, "quantity");
            if (id.ValueKind != JsonValueKind.String || price.ValueKind != JsonValueKind.Number || !price.TryGetInt64(out var unit) || unit < 0
                || quantity.ValueKind != JsonValueKind.Number || !quantity.TryGetInt32(out var units) || units < 1)
            {
                return Error(StatusCodes.Status400BadRequest, "OMS025", "every item needs id (string), price (integer cents) and quantity (positive integer)");
            }

            items.Add(new OmsInvoiceItem(id.GetString()!, units, unit));
        }

        var invoice = new OmsInvoice(number, type, cents, ErpSearchRequest.String(body, "invoiceKey"), ErpSearchRequest.String(body, "invoiceUrl"), issuance!, items, "", default);
        return ToResult(Store(state, account).Invoice(orderId, invoice));
    }

    private static IResult Cancel(SandboxState state, string account, string orderId, HttpContext http)
    {
        string? reason = null;
        if (!string.IsNullOrWhiteSpace(SandboxRequestFilter.Body(http)))
        {
            if (!TryBody(http, out var body, out var bad))
            {
                return bad;
            }

            reason = ErpSearchRequest.String(body, "reason");
        }

        return ToResult(Store(state, account).Cancel(orderId, reason));
    }

    private static bool TryBody(HttpContext http, out JsonElement body, out IResult bad)
    {
        body = default;
        bad = Results.Empty;
        var text = SandboxRequestFilter.Body(http);
        if (string.IsNullOrWhiteSpace(text))
        {
            bad = Error(StatusCodes.Status400BadRequest, "REQ001", "The request body is required");
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                bad = Error(StatusCodes.Status400BadRequest, "REQ002", "The request body must be a JSON object");
                return false;
            }

            body = document.RootElement.Clone();
            return true;
        }
        catch (JsonException ex)
        {
            bad = Error(StatusCodes.Status400BadRequest, "REQ003", $"Malformed JSON: {ex.Message}");
            return false;
        }
    }

    private static IResult ToResult(OmsResult result) =>
        result.Body is null ? Results.StatusCode(result.Status) : Results.Json(result.Body, Json, statusCode: result.Status);

    private static IResult Error(int status, string code, string message) => ToResult(OmsResult.Error(status, code, message));

    internal static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
