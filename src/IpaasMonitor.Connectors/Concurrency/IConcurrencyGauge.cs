namespace IpaasMonitor.Connectors.Concurrency;

/// <summary>
/// The current concurrency of the VTEX sends and how much of VTEX's rate limit is used, per connection, system and route
/// (ADR-023), for the connection-health view. A singleton; every call returns a fresh snapshot.
/// </summary>
public interface IConcurrencyGauge
{
    /// <summary>Every limit in use, connection-wide ones (<see cref="ConcurrencySnapshot.Route"/> null) and per route.</summary>
    IReadOnlyList<ConcurrencySnapshot> Snapshot();

    /// <summary>The limits of one connection.</summary>
    IReadOnlyList<ConcurrencySnapshot> For(string connectionId);
}

/// <summary>One limit's state.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="System">VTEX (account host) or VTEX pricing.</param>
/// <param name="Route">Null for the connection-wide limit of sends; <c>METHOD /path/{id}</c> for a route's requests.</param>
/// <param name="Limit">Sends (or requests) allowed at once now.</param>
/// <param name="InFlight">Running now.</param>
/// <param name="Waiting">Waiting for a permit now.</param>
/// <param name="MinLimit">Lower bound (setting).</param>
/// <param name="MaxLimit">Upper bound (setting).</param>
/// <param name="LatencyMs">Moving average of the answers' latency.</param>
/// <param name="BaselineLatencyMs">The latency the limiter compares with (its long-run average).</param>
/// <param name="RateLimitRemaining">The last <c>Ratelimit-Remaining</c> VTEX sent.</param>
/// <param name="RateLimitLimit">The last <c>Ratelimit-Limit</c> VTEX sent.</param>
/// <param name="Requests">Answers counted.</param>
/// <param name="Throttled">429s among them.</param>
/// <param name="LastDecreaseAt">When the limit last shrank.</param>
/// <param name="LastDecreaseReason"><c>429</c>, <c>latency</c> or <c>Ratelimit-Remaining</c>.</param>
public sealed record ConcurrencySnapshot(
    string ConnectionId,
    ConnectorSystem System,
    string? Route,
    int Limit,
    int InFlight,
    int Waiting,
    int MinLimit,
    int MaxLimit,
    double? LatencyMs,
    double? BaselineLatencyMs,
    int? RateLimitRemaining,
    int? RateLimitLimit,
    long Requests,
    long Throttled,
    DateTimeOffset? LastDecreaseAt,
    string? LastDecreaseReason)
{
    /// <summary>Share of VTEX's rate-limit bucket used (1 − remaining / limit), when VTEX sent the headers.</summary>
    public double? RateLimitUse => RateLimitRemaining is { } left && RateLimitLimit is > 0 and var of ? Math.Round(1 - (left / (double)of), 3) : null;
}
