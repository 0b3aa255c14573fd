using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Vtex.Orders;

/// <summary>An item of <c>GET /api/orders/feed</c> (feed v3).</summary>
public sealed record VtexFeedEvent
{
    [JsonPropertyName("eventId")]
    public string? EventId { get; init; }

    [JsonPropertyName("handle")]
    public string? Handle { get; init; }

    [JsonPropertyName("domain")]
    public string? Domain { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("lastState")]
    public string? LastState { get; init; }

    [JsonPropertyName("orderId")]
    public string? OrderId { get; init; }

    [JsonPropertyName("lastChange")]
    public string? LastChange { get; init; }

    [JsonPropertyName("currentChange")]
    public string? CurrentChange { get; init; }
}

/// <summary>Body of <c>POST /api/orders/feed</c>.</summary>
public sealed record VtexFeedCommit([property: JsonPropertyName("handles")] IReadOnlyList<string> Handles);

/// <summary>Body of <c>POST /api/orders/feed/config</c> for a FromWorkflow filter (vtex-api.md §5.1).</summary>
public sealed record VtexFeedConfig(
    [property: JsonPropertyName("filter")] VtexWorkflowFilter Filter,
    [property: JsonPropertyName("queue")] VtexFeedQueue Queue);

public sealed record VtexWorkflowFilter(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] IReadOnlyList<string> Status);

/// <summary>The schema capitalises <c>MessageRetentionPeriodInSeconds</c>; it is sent as the schema spells it.</summary>
public sealed record VtexFeedQueue(
    [property: JsonPropertyName("visibilityTimeoutInSeconds")] int VisibilityTimeoutInSeconds,
    [property: JsonPropertyName("MessageRetentionPeriodInSeconds")] int MessageRetentionPeriodInSeconds);

/// <summary>Body of <c>POST /api/orders/hook/config</c>.</summary>
public sealed record VtexHookConfig(
    [property: JsonPropertyName("filter")] VtexWorkflowFilter Filter,
    [property: JsonPropertyName("hook")] VtexHook Hook);

public sealed record VtexHook(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Body of <c>POST /api/oms/pvt/orders/{orderId}/invoice</c> (vtex-api.md §5.6): money in cents, the total as a string,
/// unit prices per item. <c>courier</c>, <c>trackingNumber</c> and <c>trackingUrl</c> are empty when invoicing.
/// </summary>
public sealed record VtexInvoiceRequest
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "Output";

    [JsonPropertyName("invoiceNumber")]
    public required string InvoiceNumber { get; init; }

    /// <summary>Cents, as a string (the schema types it so).</summary>
    [JsonPropertyName("invoiceValue")]
    public required string InvoiceValue { get; init; }

    [JsonPropertyName("issuanceDate")]
    public required string IssuanceDate { get; init; }

    [JsonPropertyName("invoiceKey")]
    public string? InvoiceKey { get; init; }

    [JsonPropertyName("invoiceUrl")]
    public string? InvoiceUrl { get; init; }

    [JsonPropertyName("courier")]
    public string Courier { get; init; } = "";

    [JsonPropertyName("trackingNumber")]
    public string TrackingNumber { get; init; } = "";

    [JsonPropertyName("trackingUrl")]
    public string TrackingUrl { get; init; } = "";

    [JsonPropertyName("items")]
    public required IReadOnlyList<VtexInvoiceItem> Items { get; init; }
}

/// <param name="Id">VTEX SKU id.</param>
/// <param name="Price">Unit price in cents (VTEX multiplies it by the quantity).</param>
public sealed record VtexInvoiceItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("price")] long Price,
    [property: JsonPropertyName("quantity")] int Quantity);

/// <summary>Body of <c>POST /api/oms/pvt/orders/{orderId}/cancel</c>.</summary>
public sealed record VtexCancelRequest([property: JsonPropertyName("reason")] string Reason);

/// <summary>Answer of invoice and cancel: <c>{date, orderId, receipt}</c>.</summary>
public sealed record VtexReceipt
{
    [JsonPropertyName("date")]
    public string? Date { get; init; }

    [JsonPropertyName("orderId")]
    public string? OrderId { get; init; }

    [JsonPropertyName("receipt")]
    public string? Receipt { get; init; }
}

/// <summary>How start-handling ended: moved to handling now (204), or already past ready-for-handling (409 OMS003).</summary>
public enum StartHandlingOutcome
{
    Started,
    AlreadyHandled,
}

/// <summary>
/// <c>GET /api/oms/pvt/orders/{orderId}</c>: the raw body (kept for the message payload) and, when it could be read,
/// the typed order. Every property of <see cref="VtexOrder"/> is optional: what is missing is the validation's business.
/// </summary>
public sealed record VtexOrderDocument(string Raw, VtexOrder? Order, string? ParseError)
{
    public static VtexOrderDocument Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        try
        {
            var order = JsonSerializer.Deserialize<VtexOrder>(raw, VtexJson.Options);
            return order is null
                ? new VtexOrderDocument(raw, null, "corpo vazio (null)")
                : new VtexOrderDocument(raw, order, null);
        }
        catch (JsonException ex)
        {
            return new VtexOrderDocument(raw, null, ex.Message);
        }
    }
}
