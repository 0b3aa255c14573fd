using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// Reports the circuit breakers of every connector pipeline: Degraded while any circuit is open (an external system
/// is failing and calls to it are suspended), Healthy otherwise. It makes no request of its own.
/// </summary>
public sealed class ConnectorHealthCheck(ConnectorCircuitBreakers breakers) : IHealthCheck
{
    public const string Name = "connectors";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = breakers.Snapshot();
        var data = states.ToDictionary(s => $"{s.System}:{s.ConnectionId}", s => (object)s.State.ToString());
        var open = states.Where(s => s.State is CircuitState.Open or CircuitState.Isolated).ToList();
        return Task.FromResult(open.Count == 0
            ? HealthCheckResult.Healthy("No open circuit", data)
            : HealthCheckResult.Degraded(
                "Circuit open for " + string.Join(", ", open.Select(s => $"{s.System} ({s.ConnectionId})")), data: data));
    }
}

/// <summary>Adds <see cref="ConnectorHealthCheck"/> to the health checks.</summary>
public static class ConnectorHealthCheckExtensions
{
    public static IHealthChecksBuilder AddConnectorCircuitBreakers(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<ConnectorHealthCheck>(ConnectorHealthCheck.Name, HealthStatus.Degraded, tags);
    }
}
