using System.Globalization;
using System.Net;
using System.Text.Json;

namespace IpaasMonitor.Connectors.Vtex.Orders;

/// <summary>
/// VTEX Orders for one connection: feed v3 (read, commit, configuration), hook configuration, get order,
/// start-handling, invoice and cancel. Obtain it from <see cref="ConnectorFactory"/>.
/// Retries: reads, feed commits and invoices (same invoiceNumber = same invoice, only a new receipt) are safe to
/// repeat; start-handling too (a repeat answers 409, read as "already handled"); cancel is not (GET the order first).
/// </summary>
public sealed class VtexOrdersClient
{
    public const string FeedPath = "api/orders/feed";
    public const string FeedConfigPath = "api/orders/feed/config";
    public const string HookConfigPath = "api/orders/hook/config";
    public const string OrdersPath = "api/oms/pvt/orders";
    public const int MaxLot = 10;

    private static readonly HttpStatusCode[] None = [];
    private static readonly HttpStatusCode[] Conflict = [HttpStatusCode.Conflict];

    private readonly VtexApi api;

    internal VtexOrdersClient(VtexApi api) => this.api = api;

    public string ConnectionId => api.ConnectionId;

    /// <summary>Up to <paramref name="maxLot"/> (≤ 10) feed events. A 404 means the appKey has no feed: a configuration error (run diagram 23).</summary>
    public async Task<IReadOnlyList<VtexFeedEvent>> ReadFeedAsync(int maxLot = MaxLot, CancellationToken cancellationToken = default) =>
        await TryReadFeedAsync(maxLot, cancellationToken)
        ?? throw api.Failure(HttpMethod.Get, FeedPath, ConnectorErrorKind.Configuration, "feed não configurado (404)", "execute o diagrama 23 (configuração do feed)");

    /// <summary>Up to <paramref name="maxLot"/> (≤ 10) feed events; null when VTEX has no feed configured for the appKey yet (404).</summary>
    public async Task<IReadOnlyList<VtexFeedEvent>?> TryReadFeedAsync(int maxLot = MaxLot, CancellationToken cancellationToken = default)
    {
        var path = $"{FeedPath}?maxlot={Math.Clamp(maxLot, 1, MaxLot).ToString(CultureInfo.InvariantCulture)}";
        var raw = await api.GetTextOrNullAsync(path, cancellationToken);
        if (raw is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<List<VtexFeedEvent>>(raw, VtexJson.Options) ?? [];
        }
        catch (JsonException ex)
        {
            throw api.Failure(HttpMethod.Get, FeedPath, ConnectorErrorKind.Permanent, "resposta inválida", ex.Message);
        }
    }

    /// <summary>Removes the events with these handles from the feed. Stale handles are ignored by VTEX.</summary>
    public async Task CommitAsync(IReadOnlyCollection<string> handles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handles);
        if (handles.Count == 0)
        {
            return;
        }

        await api.SendAsync(HttpMethod.Post, FeedPath, new VtexFeedCommit([.. handles]), safeToRepeat: true, None, cancellationToken);
    }

    /// <summary>The current feed configuration as JSON, or null when there is none.</summary>
    public async Task<JsonElement?> GetFeedConfigAsync(CancellationToken cancellationToken = default)
    {
        var raw = await api.GetTextOrNullAsync(FeedConfigPath, cancellationToken);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }

    public Task SetFeedConfigAsync(VtexFeedConfig config, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, FeedConfigPath, config, safeToRepeat: true, None, cancellationToken);

    public async Task<JsonElement?> GetHookConfigAsync(CancellationToken cancellationToken = default)
    {
        var raw = await api.GetTextOrNullAsync(HookConfigPath, cancellationToken);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }

    public Task SetHookConfigAsync(VtexHookConfig config, CancellationToken cancellationToken = default) =>
        api.SendAsync(HttpMethod.Post, HookConfigPath, config, safeToRepeat: true, None, cancellationToken);

    /// <summary>The order (raw and typed), or null when VTEX does not know it (404).</summary>
    public async Task<VtexOrderDocument?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var raw = await api.GetTextOrNullAsync(OrderPath(orderId), cancellationToken);
        return raw is null ? null : VtexOrderDocument.Parse(raw);
    }

    /// <summary>Moves the order to handling. A 409 (OMS003) means it already left ready-for-handling: the caller confirms with GET.</summary>
    public async Task<StartHandlingOutcome> StartHandlingAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var (status, _) = await api.SendAsync(HttpMethod.Post, $"{OrderPath(orderId)}/start-handling", null, safeToRepeat: true, Conflict, cancellationToken);
        return status == HttpStatusCode.Conflict ? StartHandlingOutcome.AlreadyHandled : StartHandlingOutcome.Started;
    }

    /// <summary>Notifies an invoice (full or partial). The same invoiceNumber again only yields a new receipt, so it is retried.</summary>
    public async Task<VtexReceipt> InvoiceAsync(string orderId, VtexInvoiceRequest invoice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var path = $"{OrderPath(orderId)}/invoice";
        var (status, body) = await api.SendAsync(HttpMethod.Post, path, invoice, safeToRepeat: true, None, cancellationToken);
        return ReadReceipt(path, status, body);
    }

    /// <summary>Cancels the order. Not retried on 5xx or timeout: GET the order before trying again.</summary>
    public async Task<VtexReceipt> CancelAsync(string orderId, string reason, CancellationToken cancellationToken = default)
    {
        var path = $"{OrderPath(orderId)}/cancel";
        var (status, body) = await api.SendAsync(HttpMethod.Post, path, new VtexCancelRequest(reason), safeToRepeat: false, None, cancellationToken);
        return ReadReceipt(path, status, body);
    }

    private static string OrderPath(string orderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        return $"{OrdersPath}/{Uri.EscapeDataString(orderId)}";
    }

    /// <summary>
    /// The receipt VTEX answers an invoice or a cancel with (<c>{date, orderId, receipt}</c>). A success whose body is
    /// no JSON object (empty, <c>null</c>, not JSON) is a failure the operator sees, not an empty receipt: whether VTEX
    /// took the request is then unknown.
    /// </summary>
    private VtexReceipt ReadReceipt(string path, HttpStatusCode status, string body)
    {
        try
        {
            return (string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<VtexReceipt>(body, VtexJson.Options))
                ?? throw api.Unreadable(HttpMethod.Post, path, status, "resposta sem recibo", string.IsNullOrWhiteSpace(body) ? null : body);
        }
        catch (JsonException ex)
        {
            throw api.Unreadable(HttpMethod.Post, path, status, $"recibo ilegível: {ex.Message}", body, ex);
        }
    }
}
