using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// The circuit-breaker state of every (system, connection) pipeline, and since when it is open, for the connection
/// health (<see cref="Health.IConnectionHealth"/>: the health page, the header indicator and the breaker alert rule).
/// A pipeline is built on its first request, so a connection not used yet reports <see cref="CircuitState.Closed"/>.
/// </summary>
public sealed class ConnectorCircuitBreakers
{
    private readonly ConcurrentDictionary<(ConnectorSystem System, string ConnectionId), CircuitBreakerStateProvider> providers = new();
    private readonly ConcurrentDictionary<(ConnectorSystem System, string ConnectionId), DateTime> openSince = new();

    public CircuitState GetState(ConnectorSystem system, string connectionId) =>
        providers.TryGetValue((system, connectionId), out var provider) ? provider.CircuitState : CircuitState.Closed;

    /// <summary>
    /// When the breaker last opened from closed (UTC, the pipeline's clock), while it is not closed again: a trial call
    /// that fails (half-open → open) keeps the episode's start. Null while closed.
    /// </summary>
    public DateTime? GetOpenSince(ConnectorSystem system, string connectionId) =>
        GetState(system, connectionId) != CircuitState.Closed && openSince.TryGetValue((system, connectionId), out var since) ? since : null;

    /// <summary>Every pipeline built so far with its state.</summary>
    public IReadOnlyList<(ConnectorSystem System, string ConnectionId, CircuitState State)> Snapshot() =>
        [.. providers.Select(entry => (entry.Key.System, entry.Key.ConnectionId, entry.Value.CircuitState))];

    internal CircuitBreakerStateProvider Register(ConnectorSystem system, string connectionId)
    {
        var provider = new CircuitBreakerStateProvider();
        providers[(system, connectionId)] = provider;
        return provider;
    }

    /// <summary>The breaker's OnOpened: the first opening of an episode is kept (a failed trial re-opens it).</summary>
    internal void Opened(ConnectorSystem system, string connectionId, DateTime atUtc) => openSince.TryAdd((system, connectionId), atUtc);

    /// <summary>The breaker's OnClosed: the episode is over.</summary>
    internal void Closed(ConnectorSystem system, string connectionId) => openSince.TryRemove((system, connectionId), out _);
}
