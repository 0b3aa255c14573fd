using System.Globalization;
using System.Net;

namespace IpaasMonitor.Connectors.Concurrency;

/// <summary>
/// Innermost handler of the VTEX clients (one pass per attempt, retries included): takes a permit of the request's
/// route, sends, and tells the route's and the connection's limits what the answer said (latency, 429,
/// <c>Ratelimit-Remaining</c> / <c>Ratelimit-Limit</c>).
/// </summary>
internal sealed class AdaptiveConcurrencyHandler(ConcurrencyLimits limits, ConnectorSystem system, string connectionId, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = ConcurrencyLimits.RouteOf(request);
        using var permit = await limits.AcquireRequestAsync(connectionId, system, route, cancellationToken);
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer (connection failure, attempt timeout): it says nothing about the rate limit; the breaker handles it.
            limits.Record(connectionId, system, route, new ConcurrencySample(null, Throttled: false));
            throw;
        }

        var elapsed = time.GetElapsedTime(started);
        limits.Record(connectionId, system, route, new ConcurrencySample(
            elapsed,
            response.StatusCode == HttpStatusCode.TooManyRequests,
            Header(response, "Ratelimit-Remaining"),
            Header(response, "Ratelimit-Limit"),
            Http.ConnectorHttp.GetRetryAfter(response, time)));
        return response;
    }

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
