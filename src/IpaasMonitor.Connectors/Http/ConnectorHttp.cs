using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Vtex;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace IpaasMonitor.Connectors.Http;

/// <summary>What is being called, for error messages.</summary>
internal sealed record ConnectorCall(ConnectorSystem System, string ConnectionId, HttpMethod Method, string Path)
{
    public ConnectorFailure Failure(ConnectorErrorKind kind, string reason, string? remoteMessage = null) => new()
    {
        Kind = kind,
        System = System,
        ConnectionId = ConnectionId,
        RequestMethod = Method.Method,
        RequestPath = Path,
        Reason = reason,
        RemoteMessage = remoteMessage,
    };
}

/// <summary>Sending, error mapping and JSON bodies shared by the ERP and VTEX clients.</summary>
internal static class ConnectorHttp
{
    private const int ExcerptLength = 2000;

    public static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    /// <summary>A buffered JSON body: it has a Content-Length and can be sent again by a retry.</summary>
    public static ByteArrayContent JsonBody<T>(T value, JsonSerializerOptions options)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, options));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>A buffered JSON body serialised by its runtime type.</summary>
    public static ByteArrayContent JsonBody(object value, Type type, JsonSerializerOptions options)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type, options));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    public static ConnectorException CreateException(ConnectorFailure failure, Exception? inner = null) =>
        failure.System == ConnectorSystem.Erp
            ? new ErpException(failure, inner)
            : new VtexException(failure, inner);

    /// <summary>
    /// Sends through the client's resilience pipeline and turns transport failures (timeouts after the retries,
    /// open circuit, connection errors, rate-limiter rejection) into a transient <see cref="ConnectorException"/>.
    /// HTTP error statuses are returned as responses: the caller decides (404 may mean "absent").
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, ConnectorCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw CreateException(call.Failure(ConnectorErrorKind.Transient, "tempo esgotado"), ex);
        }
        catch (BrokenCircuitException ex)
        {
            var reason = ex.RetryAfter is { } wait
                ? $"circuito aberto (chamadas suspensas por {Math.Ceiling(wait.TotalSeconds)} s)"
                : "circuito aberto";
            throw CreateException(call.Failure(ConnectorErrorKind.Transient, reason) with { RetryAfter = ex.RetryAfter }, ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw CreateException(call.Failure(ConnectorErrorKind.Transient, "limite de requisições local excedido") with { RetryAfter = ex.RetryAfter }, ex);
        }
        catch (HttpRequestException ex)
        {
            throw CreateException(call.Failure(ConnectorErrorKind.Transient, "falha de conexão", ex.Message), ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout or a handler cancelling on its own: not the caller's cancellation.
            throw CreateException(call.Failure(ConnectorErrorKind.Transient, "tempo esgotado"), ex);
        }
    }

    /// <summary>Builds the failure for an error response, reading (and parsing) its body.</summary>
    public static async Task<ConnectorFailure> FailureFromResponseAsync(
        HttpResponseMessage response, ConnectorCall call, CancellationToken cancellationToken, ConnectorErrorKind? kind = null)
    {
        var body = await ReadBodySafelyAsync(response, cancellationToken);
        return new ConnectorFailure
        {
            Kind = kind ?? ConnectorFailure.Classify(response.StatusCode),
            System = call.System,
            ConnectionId = call.ConnectionId,
            RequestMethod = call.Method.Method,
            RequestPath = call.Path,
            StatusCode = response.StatusCode,
            RemoteMessage = RemoteErrorParser.Parse(body) ?? response.ReasonPhrase,
            ResponseExcerpt = body is null ? null : RemoteErrorParser.Truncate(body, ExcerptLength),
            RetryAfter = GetRetryAfter(response, TimeProvider.System),
        };
    }

    public static async Task<ConnectorException> ExceptionFromResponseAsync(
        HttpResponseMessage response, ConnectorCall call, CancellationToken cancellationToken, ConnectorErrorKind? kind = null) =>
        CreateException(await FailureFromResponseAsync(response, call, cancellationToken, kind));

    /// <summary>The Retry-After header as a delay (seconds or an HTTP date), or null when absent.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>A response that was a success status but whose body could not be read as expected.</summary>
    public static ConnectorException Unreadable(ConnectorCall call, HttpStatusCode status, string detail, string? body, Exception? inner) =>
        CreateException(new ConnectorFailure
        {
            Kind = ConnectorErrorKind.Permanent,
            System = call.System,
            ConnectionId = call.ConnectionId,
            RequestMethod = call.Method.Method,
            RequestPath = call.Path,
            Reason = $"resposta inválida ({(int)status})",
            RemoteMessage = detail,
            ResponseExcerpt = body is null ? null : RemoteErrorParser.Truncate(body, ExcerptLength),
        }, inner);

    private static async Task<string?> ReadBodySafelyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(body) ? null : body;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
