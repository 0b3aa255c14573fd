using System.Collections.Concurrent;
using IpaasMonitor.Connectors.Resilience;
using Polly.CircuitBreaker;

namespace IpaasMonitor.Web.Alerts;

/// <summary>A connector circuit breaker as the alert rules see it: open since when, or closed (null).</summary>
public sealed record BreakerObservation(string System, string ConnectionId, DateTime? OpenSinceUtc);

/// <summary>
/// Where the breaker rule reads breaker states. The default (<see cref="ConnectorBreakerSource"/>) samples
/// <see cref="ConnectorCircuitBreakers"/>; a connection-health service that records when a breaker opened can
/// replace it (one registration).
/// </summary>
public interface IBreakerStateSource
{
    IReadOnlyList<BreakerObservation> Read(DateTime nowUtc);
}

/// <summary>
/// Breaker states from the connectors' pipelines. Polly does not say since when a circuit is open, so this remembers
/// the first sample that saw it open (isolated counts as open; half-open keeps the episode); a closed sample forgets it.
/// One instance per process, sampled by the evaluator every minute.
/// </summary>
public sealed class ConnectorBreakerSource(ConnectorCircuitBreakers breakers) : IBreakerStateSource
{
    private readonly ConcurrentDictionary<(string System, string ConnectionId), DateTime> openSince = new();

    public IReadOnlyList<BreakerObservation> Read(DateTime nowUtc)
    {
        var result = new List<BreakerObservation>();
        foreach (var (system, connectionId, state) in breakers.Snapshot())
        {
            var key = (system.ToString(), connectionId);
            if (state == CircuitState.Closed)
            {
                openSince.TryRemove(key, out _);
                result.Add(new BreakerObservation(key.Item1, connectionId, null));
            }
            else
            {
                result.Add(new BreakerObservation(key.Item1, connectionId, openSince.GetOrAdd(key, nowUtc)));
            }
        }

        return result;
    }
}
