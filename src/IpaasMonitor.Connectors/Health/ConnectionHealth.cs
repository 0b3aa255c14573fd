using System.Collections.Concurrent;
using IpaasMonitor.Connectors.Resilience;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Connectors.Health;

/// <summary>
/// <see cref="IConnectionHealth"/>: per (connection, API) a rolling window of one-minute buckets (calls, failures,
/// 429s and a log-scale latency histogram), plus the last success and failure whatever their age. Recording is a lock
/// on one small object per (connection, API); reading merges at most 15 buckets.
/// </summary>
public sealed class ConnectionHealth(ConnectorCircuitBreakers breakers, IOptionsMonitor<IpaasMonitorOptions> options, TimeProvider time) : IConnectionHealth
{
    /// <summary>How far back calls, failures, 429s and the latency are counted.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<(string ConnectionId, ConnectorApi Api), Tracker> trackers = new();

    /// <summary>Records one HTTP attempt: its duration and status code, or the exception that ended it.</summary>
    public void Record(string connectionId, ConnectorApi api, TimeSpan duration, int? statusCode, Exception? exception)
    {
        var tracker = trackers.GetOrAdd((connectionId, api), _ => new Tracker());
        var failure = Failure(statusCode, exception);
        tracker.Add(time.GetUtcNow().UtcDateTime, duration, statusCode == 429, failure);
    }

    public IReadOnlyList<ApiHealth> Snapshot()
    {
        var connections = options.CurrentValue.Connections.Select(c => c.Id).Where(id => id.Length > 0)
            .Concat(trackers.Keys.Select(k => k.ConnectionId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. connections.SelectMany(c => ConnectorApis.All.Select(api => Get(c, api)))];
    }

    public ApiHealth Get(string connectionId, ConnectorApi api)
    {
        var system = ConnectorApis.SystemOf(api);
        var breaker = breakers.GetState(system, connectionId);
        var openSince = breakers.GetOpenSince(system, connectionId);
        if (!trackers.TryGetValue((connectionId, api), out var tracker))
        {
            return new ApiHealth(connectionId, api, breaker, openSince, null, null, null, 0, 0, 0, null);
        }

        return tracker.Read(connectionId, api, breaker, openSince, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Why an attempt counts as a failure of the connection, or null: server errors, 408, timeouts, no connection.
    /// A 4xx answer is the remote system working (the item's own problem), and a 429 is back-pressure, counted apart.</summary>
    internal static string? Failure(int? statusCode, Exception? exception) => (statusCode, exception) switch
    {
        (_, OperationCanceledException) => "Tempo esgotado ou chamada cancelada",
        (_, HttpRequestException e) => "Falha de conexão: " + e.Message,
        (_, { } e) => e.GetType().Name + ": " + e.Message,
        ( >= 500 or 408, _) => $"HTTP {statusCode}",
        _ => null,
    };

    private sealed class Tracker
    {
        private const int BucketCount = 15;
        private readonly Bucket[] buckets = Enumerable.Range(0, BucketCount).Select(_ => new Bucket()).ToArray();
        private readonly Lock gate = new();
        private DateTime? lastSuccess;
        private DateTime? lastFailure;
        private string? lastReason;

        public void Add(DateTime now, TimeSpan duration, bool tooMany, string? failure)
        {
            var minute = now.Ticks / TimeSpan.TicksPerMinute;
            lock (gate)
            {
                var bucket = buckets[minute % BucketCount];
                if (bucket.Minute != minute)
                {
                    bucket.Reset(minute);
                }

                bucket.Calls++;
                bucket.Latency[LatencyBins.Of(duration.TotalMilliseconds)]++;
                if (tooMany)
                {
                    bucket.TooMany++;
                }

                if (failure is not null)
                {
                    bucket.Failures++;
                    lastFailure = now;
                    lastReason = failure;
                }
                else if (!tooMany)
                {
                    lastSuccess = now;
                }
            }
        }

        public ApiHealth Read(string connectionId, ConnectorApi api, Polly.CircuitBreaker.CircuitState breaker, DateTime? openSince, DateTime now)
        {
            var minute = now.Ticks / TimeSpan.TicksPerMinute;
            int calls = 0, failures = 0, tooMany = 0;
            var histogram = new long[LatencyBins.Count];
            lock (gate)
            {
                foreach (var bucket in buckets.Where(b => b.Minute > minute - BucketCount && b.Minute <= minute))
                {
                    calls += bucket.Calls;
                    failures += bucket.Failures;
                    tooMany += bucket.TooMany;
                    for (var i = 0; i < histogram.Length; i++)
                    {
                        histogram[i] += bucket.Latency[i];
                    }
                }

                return new ApiHealth(connectionId, api, breaker, openSince, lastSuccess, lastFailure, lastReason, calls, failures, tooMany,
                    calls == 0 ? null : LatencyBins.Percentile(histogram, calls, 0.95));
            }
        }
    }

    private sealed class Bucket
    {
        public long Minute { get; private set; } = long.MinValue;

        public int Calls { get; set; }

        public int Failures { get; set; }

        public int TooMany { get; set; }

        public long[] Latency { get; } = new long[LatencyBins.Count];

        public void Reset(long minute)
        {
            Minute = minute;
            Calls = Failures = TooMany = 0;
            Array.Clear(Latency);
        }
    }
}

/// <summary>Log-scale latency bins: bin i holds durations up to 1 ms × 1.25^i (bin 0: up to 1 ms; the last: the rest).</summary>
internal static class LatencyBins
{
    public const int Count = 56;
    private const double Ratio = 1.25;

    public static int Of(double milliseconds) =>
        milliseconds <= 1 ? 0 : Math.Min(Count - 1, (int)Math.Ceiling(Math.Log(milliseconds) / Math.Log(Ratio)));

    public static double UpperBound(int bin) => Math.Pow(Ratio, bin);

    /// <summary>The upper bound of the bin the <paramref name="quantile"/>-th duration falls in.</summary>
    public static double Percentile(long[] histogram, long total, double quantile)
    {
        var rank = (long)Math.Ceiling(total * quantile);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank)
            {
                return Math.Round(UpperBound(i), 1);
            }
        }

        return Math.Round(UpperBound(Count - 1), 1);
    }
}
