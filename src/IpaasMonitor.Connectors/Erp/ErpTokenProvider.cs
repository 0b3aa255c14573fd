using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using IpaasMonitor.Connectors.Http;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>
/// The OAuth2 password-grant token of one ERP connection: cached, renewed <see cref="ErpOptions.TokenRefreshMargin"/>
/// before it expires (by the injected <see cref="TimeProvider"/>), and single-flight (concurrent callers share one
/// token request). Neither the form body nor the token is ever logged.
/// </summary>
internal sealed class ErpTokenProvider(
    Func<HttpClient> createClient, ErpOptions options, string connectionId, TimeProvider timeProvider, ILogger logger)
{
    public const string TokenPath = "api/totvsmoda/authorization/v2/token";

    private readonly Lock gate = new();
    private ErpToken? current;
    private Task<ErpToken>? pending;

    /// <summary>The cached token when still fresh, otherwise a new one (shared with concurrent callers).</summary>
    public Task<ErpToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        Task<ErpToken> pending;
        lock (gate)
        {
            if (current is { } token && timeProvider.GetUtcNow() < token.RefreshAt)
            {
                return Task.FromResult(token);
            }

            // The request is not tied to one caller's cancellation: others may be waiting on it.
            // The pipeline's total timeout bounds it.
            pending = this.pending ??= FetchAsync();
        }

        return pending.WaitAsync(cancellationToken);
    }

    /// <summary>Drops the token the server refused (unless a newer one has replaced it already).</summary>
    public void Invalidate(ErpToken refused)
    {
        lock (gate)
        {
            if (ReferenceEquals(current, refused))
            {
                current = null;
            }
        }
    }

    private async Task<ErpToken> FetchAsync()
    {
        // Complete asynchronously so this.pending is assigned before the finally block clears it.
        await Task.Yield();
        try
        {
            var token = await RequestTokenAsync();
            lock (gate)
            {
                current = token;
            }

            return token;
        }
        finally
        {
            lock (gate)
            {
                pending = null;
            }
        }
    }

    private async Task<ErpToken> RequestTokenAsync()
    {
        var call = new ConnectorCall(ConnectorSystem.Erp, connectionId, HttpMethod.Post, TokenPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "password"),
                new("client_id", options.ClientId),
                new("client_secret", options.ClientSecret),
                new("username", options.Username),
                new("password", options.Password),
            ]),
        };

        // Asking for a token twice does no harm.
        request.MarkSafeToRepeat();
        var requestedAt = timeProvider.GetUtcNow();
        using var response = await ConnectorHttp.SendAsync(createClient(), request, call, CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            // Refused credentials (400 invalid_grant, 401, 403) need an administrator, not a retry.
            var kind = (int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests
                ? ConnectorErrorKind.Configuration
                : (ConnectorErrorKind?)null;
            throw await ConnectorHttp.ExceptionFromResponseAsync(response, call, CancellationToken.None, kind);
        }

        var body = await response.Content.ReadAsStringAsync();
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<TokenResponse>(body, ErpJson.Options);
        }
        catch (JsonException ex)
        {
            // The body holds the token: it is never copied into the error.
            throw ConnectorHttp.Unreadable(call, response.StatusCode, $"token ilegível ({ex.Message})", body: null, ex);
        }

        if (string.IsNullOrEmpty(parsed?.AccessToken))
        {
            throw ConnectorHttp.Unreadable(call, response.StatusCode, "access_token ausente", body: null, inner: null);
        }

        var lifetime = TimeSpan.FromSeconds(parsed.ExpiresIn is > 0 ? parsed.ExpiresIn.Value : 3600);
        // Renew the margin before expiry, but never later than halfway (a margin longer than the lifetime would
        // otherwise mean a new token for every call).
        var refreshAfter = lifetime - options.TokenRefreshMargin;
        if (refreshAfter < lifetime / 2)
        {
            refreshAfter = lifetime / 2;
        }

        logger.LogInformation(
            "ERP token obtained for connection {ConnectionId}; valid for {Lifetime}, renewed after {RefreshAfter}",
            connectionId, lifetime, refreshAfter);
        return new ErpToken(parsed.AccessToken, parsed.TokenType ?? "Bearer", requestedAt + lifetime, requestedAt + refreshAfter);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}

/// <summary>A bearer token and when to stop using it.</summary>
internal sealed record ErpToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt)
{
    /// <summary>Never prints the token itself.</summary>
    public override string ToString() => $"ErpToken(expires {ExpiresAt:O})";
}
