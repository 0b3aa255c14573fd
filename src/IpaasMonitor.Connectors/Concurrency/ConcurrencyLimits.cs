using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Connectors.Concurrency;

/// <summary>
/// The adaptive limits of the VTEX calls (ADR-023), one per connection and system (the sends of every diagram of the
/// connection towards that system) and one per connection, system and route (each HTTP request). Answers feed both.
/// Also the <see cref="IConcurrencyGauge"/>.
/// </summary>
public sealed class ConcurrencyLimits(IOptions<IpaasMonitorOptions> options, TimeProvider time) : IConcurrencyGauge
{
    private readonly ConcurrentDictionary<(string Connection, ConnectorSystem System, string? Route), AdaptiveConcurrencyLimit> limits = new();

    public AdaptiveConcurrencyOptions Options => options.Value.Concurrency;

    /// <summary>
    /// A permit for one send of a diagram run towards <paramref name="system"/>: the connection's adaptive limit, or
    /// nothing when adaptation is off (the template then bounds its own parallelism with <see cref="AdaptiveConcurrencyOptions.FixedLimit"/>).
    /// </summary>
    public ValueTask<ConcurrencyPermit> AcquireSendAsync(string connectionId, ConnectorSystem system, CancellationToken cancellationToken) =>
        Options.Enabled ? Get(connectionId, system, null).AcquireAsync(cancellationToken) : ValueTask.FromResult(ConcurrencyPermit.None);

    /// <summary>Sends a diagram run may have going at once: the upper bound of the adaptive limit, or the fixed one.</summary>
    public int MaxParallelSends => Options.Enabled ? Math.Max(1, Options.MaxLimit) : Math.Max(1, Options.FixedLimit);

    /// <summary>A permit for one request on a route (null route key: none needed).</summary>
    internal ValueTask<ConcurrencyPermit> AcquireRequestAsync(string connectionId, ConnectorSystem system, string route, CancellationToken cancellationToken) =>
        Options.Enabled ? Get(connectionId, system, route).AcquireAsync(cancellationToken) : ValueTask.FromResult(ConcurrencyPermit.None);

    /// <summary>An answer of <paramref name="route"/>: moves the route's limit and the connection's.</summary>
    internal void Record(string connectionId, ConnectorSystem system, string route, ConcurrencySample sample)
    {
        if (!Options.Enabled)
        {
            return;
        }

        Get(connectionId, system, route).Record(sample);
        Get(connectionId, system, null).Record(sample);
    }

    public IReadOnlyList<ConcurrencySnapshot> Snapshot() =>
        [.. limits.OrderBy(l => l.Key.Connection, StringComparer.Ordinal).ThenBy(l => l.Key.System).ThenBy(l => l.Key.Route ?? "", StringComparer.Ordinal)
            .Select(l => l.Value.Snapshot(l.Key.Connection, l.Key.System, l.Key.Route))];

    public IReadOnlyList<ConcurrencySnapshot> For(string connectionId) =>
        [.. Snapshot().Where(s => string.Equals(s.ConnectionId, connectionId, StringComparison.Ordinal))];

    internal AdaptiveConcurrencyLimit Get(string connectionId, ConnectorSystem system, string? route) =>
        limits.GetOrAdd((connectionId, system, route), _ => new AdaptiveConcurrencyLimit(Options, time, honourRetryAfter: route is not null));

    /// <summary>
    /// The route of a request as VTEX counts it ("per endpoint"): the method and the path with every id segment (one
    /// with a digit) replaced by <c>{id}</c>, e.g. <c>PUT /api/catalog/pvt/stockkeepingunit/{id}</c>.
    /// </summary>
    public static string RouteOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "";
        var route = new StringBuilder(request.Method.Method).Append(' ');
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            route.Append('/').Append(segment.Any(char.IsAsciiDigit) ? "{id}" : segment);
        }

        return route.ToString();
    }
}
