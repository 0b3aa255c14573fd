using System.Net;
using System.Text.Json;
using IpaasMonitor.Connectors.Http;

namespace IpaasMonitor.Connectors.Vtex;

/// <summary>
/// Sending and reading shared by the VTEX area clients (catalog now; pricing, logistics and OMS later). The
/// HttpClient already carries the base address, the AppKey/AppToken headers and the resilience pipeline.
/// </summary>
internal sealed class VtexApi(Func<HttpClient> createClient, ConnectorSystem system, string connectionId)
{
    public string ConnectionId => connectionId;

    /// <summary>GET that returns null on 404 (and on a 200 with an empty or <c>null</c> body).</summary>
    public async Task<T?> GetOrNullAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        var call = Call(HttpMethod.Get, path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await ConnectorHttp.SendAsync(createClient(), request, call, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, call, cancellationToken);
        return await ReadAsync<T>(response, call, cancellationToken);
    }

    /// <summary>Sends a JSON body; the response body is read as <typeparamref name="TResponse"/> (null when empty).</summary>
    public async Task<TResponse?> SendJsonAsync<TBody, TResponse>(
        HttpMethod method, string path, TBody body, bool safeToRepeat, CancellationToken cancellationToken)
        where TResponse : class
    {
        var call = Call(method, path);
        using var request = new HttpRequestMessage(method, path) { Content = ConnectorHttp.JsonBody(body, VtexJson.Options) };
        request.MarkSafeToRepeat(safeToRepeat);
        using var response = await ConnectorHttp.SendAsync(createClient(), request, call, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken);
        return await ReadAsync<TResponse>(response, call, cancellationToken);
    }

    /// <summary>Sends a request (with a JSON body when <paramref name="body"/> is not null) and ignores the response body.</summary>
    public async Task SendAsync(HttpMethod method, string path, object? body, bool safeToRepeat, CancellationToken cancellationToken) =>
        await SendAsync(method, path, body, safeToRepeat, [], cancellationToken);

    /// <summary>A GET whose 200 body is a list (null, empty or 404 → an empty list).</summary>
    public async Task<IReadOnlyList<T>> GetListAsync<T>(string path, CancellationToken cancellationToken) =>
        await GetOrNullAsync<List<T>>(path, cancellationToken) ?? [];

    /// <summary>GET returning the raw body (null on 404), for callers that parse leniently and keep the original text.</summary>
    public async Task<string?> GetTextOrNullAsync(string path, CancellationToken cancellationToken)
    {
        var call = Call(HttpMethod.Get, path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await ConnectorHttp.SendAsync(createClient(), request, call, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, call, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>
    /// Sends a request with an optional JSON body and returns the status and raw body when the status is a success or
    /// one of <paramref name="accepted"/> (e.g. 409 on start-handling, which the caller interprets); throws otherwise.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpMethod method, string path, object? body, bool safeToRepeat, IReadOnlyCollection<HttpStatusCode> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var call = Call(method, path);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = ConnectorHttp.JsonBody(body, body.GetType(), VtexJson.Options);
        }

        request.MarkSafeToRepeat(safeToRepeat);
        using var response = await ConnectorHttp.SendAsync(createClient(), request, call, cancellationToken);
        if (!response.IsSuccessStatusCode && !accepted.Contains(response.StatusCode))
        {
            throw await ConnectorHttp.ExceptionFromResponseAsync(response, call, cancellationToken);
        }

        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>A failure built by the caller (e.g. a 404 that means "not configured" rather than "absent").</summary>
    public VtexException Failure(HttpMethod method, string path, ConnectorErrorKind kind, string reason, string? remoteMessage = null) =>
        new(Call(method, path).Failure(kind, reason, remoteMessage));

    /// <summary>A success status whose body is not what the call answers (a receipt that is not one…): a permanent failure.</summary>
    public ConnectorException Unreadable(HttpMethod method, string path, HttpStatusCode status, string detail, string? body, Exception? inner = null) =>
        ConnectorHttp.Unreadable(Call(method, path), status, detail, body, inner);

    private ConnectorCall Call(HttpMethod method, string path) => new(system, connectionId, method, path);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, ConnectorCall call, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ConnectorHttp.ExceptionFromResponseAsync(response, call, cancellationToken);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, ConnectorCall call, CancellationToken cancellationToken)
        where T : class
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, VtexJson.Options);
        }
        catch (JsonException ex)
        {
            throw ConnectorHttp.Unreadable(call, response.StatusCode, ex.Message, body, ex);
        }
    }
}
