using System.Diagnostics;

namespace IpaasMonitor.Connectors.Health;

/// <summary>
/// Inside each connector client's resilience pipeline (so it sees every attempt, retries included, and only attempts
/// that reached the network): times the attempt and records it in <see cref="ConnectionHealth"/>.
/// </summary>
public sealed class ConnectionHealthHandler(ConnectionHealth health, ConnectorSystem system, string connectionId) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = ConnectorApis.Classify(system, request.RequestUri);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            health.Record(connectionId, api, Stopwatch.GetElapsedTime(started), (int)response.StatusCode, null);
            return response;
        }
        catch (Exception ex)
        {
            health.Record(connectionId, api, Stopwatch.GetElapsedTime(started), null, ex);
            throw;
        }
    }
}
