using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// The circuit-breaker state of every (system, connection) pipeline, for health checks and the overview page.
/// A pipeline is built on its first request, so a connection not used yet reports <see cref="CircuitState.Closed"/>.
/// </summary>
public sealed class ConnectorCircuitBreakers
{
    private readonly ConcurrentDictionary<(ConnectorSystem System, string ConnectionId), CircuitBreakerStateProvider> providers = new();

    public CircuitState GetState(ConnectorSystem system, string connectionId) =>
        providers.TryGetValue((system, connectionId), out var provider) ? provider.CircuitState : CircuitState.Closed;

    /// <summary>Every pipeline built so far with its state.</summary>
    public IReadOnlyList<(ConnectorSystem System, string ConnectionId, CircuitState State)> Snapshot() =>
        [.. providers.Select(entry => (entry.Key.System, entry.Key.ConnectionId, entry.Value.CircuitState))];

    internal CircuitBreakerStateProvider Register(ConnectorSystem system, string connectionId)
    {
        var provider = new CircuitBreakerStateProvider();
        providers[(system, connectionId)] = provider;
        return provider;
    }
}
