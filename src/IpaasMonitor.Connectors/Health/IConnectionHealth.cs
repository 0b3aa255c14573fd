using Polly.CircuitBreaker;

namespace IpaasMonitor.Connectors.Health;

/// <summary>
/// What the app knows, right now, of each connection's external APIs: the circuit breaker, the last success and the
/// last failure with its reason, and over the last <see cref="ConnectionHealth.Window"/> the calls, failures, 429s and
/// the p95 latency of the HTTP attempts. In memory, fed by every connector attempt (<see cref="ConnectionHealthHandler"/>),
/// so it starts empty at each start. A singleton and the one source of breaker states: the health page, the header
/// indicator and the breaker alert rule read it.
/// </summary>
public interface IConnectionHealth
{
    /// <summary>Every configured connection × <see cref="ConnectorApi"/>, in connection then API order.</summary>
    IReadOnlyList<ApiHealth> Snapshot();

    /// <summary>One connection's API.</summary>
    ApiHealth Get(string connectionId, ConnectorApi api);
}

/// <summary>One connection's API as <see cref="IConnectionHealth"/> sees it.</summary>
/// <param name="BreakerOpenSinceUtc">When the breaker opened (the episode's first opening), null while it is closed.</param>
/// <param name="P95LatencyMs">The 95th percentile of the attempts' durations in the window (to within 12 %), null without calls.</param>
public sealed record ApiHealth(
    string ConnectionId,
    ConnectorApi Api,
    CircuitState Breaker,
    DateTime? BreakerOpenSinceUtc,
    DateTime? LastSuccessUtc,
    DateTime? LastFailureUtc,
    string? LastFailureReason,
    int Calls,
    int Failures,
    int TooManyRequests,
    double? P95LatencyMs)
{
    /// <summary>
    /// Degraded: the breaker is not closed (calls are suspended or on trial), or the latest call in the window failed.
    /// </summary>
    public bool IsDegraded =>
        Breaker != CircuitState.Closed || (Failures > 0 && LastFailureUtc is { } failure && (LastSuccessUtc is not { } success || failure > success));
}
