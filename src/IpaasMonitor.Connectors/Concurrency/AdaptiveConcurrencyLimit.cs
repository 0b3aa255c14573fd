namespace IpaasMonitor.Connectors.Concurrency;

/// <summary>What one answer says to the limiter.</summary>
/// <param name="Latency">Time from sending to the answer's headers (null when there was no answer).</param>
/// <param name="Throttled">A 429.</param>
/// <param name="RateLimitRemaining">The answer's <c>Ratelimit-Remaining</c>, when it had one.</param>
/// <param name="RateLimitLimit">The answer's <c>Ratelimit-Limit</c>, when it had one.</param>
/// <param name="RetryAfter">The 429's <c>Retry-After</c>: a route's limit lets no new request start before it has passed.</param>
public readonly record struct ConcurrencySample(TimeSpan? Latency, bool Throttled, int? RateLimitRemaining = null, int? RateLimitLimit = null, TimeSpan? RetryAfter = null);

/// <summary>
/// An AIMD concurrency limit (ADR-023): permits are taken before a send and given back after it; answers move the limit
/// (<see cref="AdaptiveConcurrencyOptions"/>). Waiters are served in arrival order without blocking a thread. All
/// decisions are made from the samples given, never from the wall clock, so the behaviour is deterministic.
/// </summary>
public sealed class AdaptiveConcurrencyLimit
{
    private readonly Lock gate = new();
    private readonly AdaptiveConcurrencyOptions options;
    private readonly TimeProvider time;
    private readonly LinkedList<TaskCompletionSource<bool>> waiters = new();
    private readonly bool honourRetryAfter;
    private double limit;
    private int inFlight;
    private int samplesSinceDecrease;
    private int latencySamples;
    private double? latency;
    private double? baseline;
    private double warmupTotal;
    private int? remaining;
    private int? remainingOf;
    private long requests;
    private long throttled;
    private DateTimeOffset? lastDecreaseAt;
    private string? lastDecreaseReason;
    private DateTimeOffset pausedUntil;

    /// <param name="options">Bounds and ratios.</param>
    /// <param name="time">Clock of the Retry-After pause and of <see cref="ConcurrencySnapshot.LastDecreaseAt"/>.</param>
    /// <param name="honourRetryAfter">After a 429 with Retry-After, start no request until it has passed (a route's limit).</param>
    public AdaptiveConcurrencyLimit(AdaptiveConcurrencyOptions options, TimeProvider? time = null, bool honourRetryAfter = false)
    {
        this.honourRetryAfter = honourRetryAfter;
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.time = time ?? TimeProvider.System;
        limit = Math.Clamp(options.InitialLimit, MinLimit, MaxLimit);
    }

    private int MinLimit => Math.Max(1, options.MinLimit);

    private int MaxLimit => Math.Max(MinLimit, options.MaxLimit);

    /// <summary>Sends allowed at once now.</summary>
    public int Limit
    {
        get
        {
            lock (gate)
            {
                return (int)limit;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return inFlight;
            }
        }
    }

    /// <summary>
    /// Waits (asynchronously, in order) until fewer than <see cref="Limit"/> permits are out, then takes one; first,
    /// when a 429's Retry-After is running, until it has passed.
    /// </summary>
    public ValueTask<ConcurrencyPermit> AcquireAsync(CancellationToken cancellationToken = default)
    {
        TimeSpan pause;
        lock (gate)
        {
            pause = pausedUntil - time.GetUtcNow();
        }

        return pause > TimeSpan.Zero ? AcquireAfterAsync(pause, cancellationToken) : AcquireNowOrQueue(cancellationToken);
    }

    private async ValueTask<ConcurrencyPermit> AcquireAfterAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        await Task.Delay(pause, time, cancellationToken);
        return await AcquireAsync(cancellationToken);
    }

    private ValueTask<ConcurrencyPermit> AcquireNowOrQueue(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (gate)
        {
            if (waiters.Count == 0 && inFlight < (int)limit)
            {
                inFlight++;
                return ValueTask.FromResult(new ConcurrencyPermit(this));
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = waiters.AddLast(waiter);
        }

        return WaitAsync(waiter, node, cancellationToken);
    }

    private async ValueTask<ConcurrencyPermit> WaitAsync(TaskCompletionSource<bool> waiter, LinkedListNode<TaskCompletionSource<bool>> node, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(() =>
        {
            lock (gate)
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                    waiter.TrySetCanceled(cancellationToken);
                }
            }
        }))
        {
            await waiter.Task;
        }

        return new ConcurrencyPermit(this);
    }

    internal void Release()
    {
        lock (gate)
        {
            inFlight--;
            ServeWaiters();
        }
    }

    /// <summary>Takes one answer into account (called once per request, whatever its outcome).</summary>
    public void Record(ConcurrencySample sample)
    {
        lock (gate)
        {
            requests++;
            samplesSinceDecrease++;
            if (sample.RateLimitRemaining is { } left && sample.RateLimitLimit is > 0)
            {
                remaining = left;
                remainingOf = sample.RateLimitLimit;
            }

            if (sample.Throttled)
            {
                throttled++;
                if (honourRetryAfter && sample.RetryAfter is { } wait && wait > TimeSpan.Zero)
                {
                    var until = time.GetUtcNow() + wait;
                    pausedUntil = until > pausedUntil ? until : pausedUntil;
                }

                Decrease(options.ThrottledRatio, "429");
                return;
            }

            if (sample.Latency is { } elapsed)
            {
                var ms = elapsed.TotalMilliseconds;
                latency = latency is { } l ? l + (options.LatencySmoothing * (ms - l)) : ms;
                latencySamples++;
                warmupTotal += latencySamples <= options.LatencyWarmup ? ms : 0;

                // The baseline is the long-run average: the mean of the warm-up answers, then an average twenty times
                // slower than the recent one, both ways. It used to follow the recent average down at once, i.e. to
                // sit at the lowest that average ever reached; VTEX's latency has a heavy tail (p99 ≈ 7 × p50), so the
                // recent average wandered above twice that low point again and again with nothing rising, and each time
                // the limit was cut by 10 % (ADR-023 amendment).
                baseline = latencySamples < options.LatencyWarmup ? null
                    : baseline is not { } b ? warmupTotal / latencySamples
                    : b + (options.LatencySmoothing * 0.05 * (latency.Value - b));
            }

            var share = sample.RateLimitRemaining is { } leftShare && sample.RateLimitLimit is > 0 and var of ? leftShare / (double)of : 1.0;
            if (share < options.RemainingLowShare)
            {
                Decrease(options.SlowdownRatio, "Ratelimit-Remaining");
                return;
            }

            if (baseline is { } settled && latency > settled * options.LatencyTolerance)
            {
                Decrease(options.SlowdownRatio, "latency");
                return;
            }

            // Additive increase, only while the limit is what holds the sends back (not when fewer are waiting), and not
            // while VTEX's bucket is below twice the low share (it is emptying: hold the pace).
            if (inFlight + waiters.Count >= (int)limit && share >= 2 * options.RemainingLowShare)
            {
                limit = Math.Min(MaxLimit, limit + (1.0 / limit));
                ServeWaiters();
            }
        }
    }

    public ConcurrencySnapshot Snapshot(string connectionId, ConnectorSystem system, string? route)
    {
        lock (gate)
        {
            return new ConcurrencySnapshot(
                connectionId, system, route, (int)limit, inFlight, waiters.Count, MinLimit, MaxLimit,
                latency is { } l ? Math.Round(l, 1) : null, baseline is { } b ? Math.Round(b, 1) : null,
                remaining, remainingOf, requests, throttled, lastDecreaseAt, lastDecreaseReason);
        }
    }

    /// <summary>Multiplicative decrease, at most once per limit's worth of answers (the ones already in flight were sent under the old limit).</summary>
    private void Decrease(double ratio, string reason)
    {
        if (samplesSinceDecrease < (int)limit && lastDecreaseAt is not null)
        {
            return;
        }

        limit = Math.Max(MinLimit, limit * ratio);
        samplesSinceDecrease = 0;
        lastDecreaseAt = time.GetUtcNow();
        lastDecreaseReason = reason;
    }

    private void ServeWaiters()
    {
        while (waiters.First is { } first && inFlight < (int)limit)
        {
            waiters.RemoveFirst();
            if (first.Value.TrySetResult(true))
            {
                inFlight++;
            }
        }
    }
}

/// <summary>One permit of an <see cref="AdaptiveConcurrencyLimit"/>; disposing gives it back (once).</summary>
public sealed class ConcurrencyPermit : IDisposable
{
    private AdaptiveConcurrencyLimit? owner;

    internal ConcurrencyPermit(AdaptiveConcurrencyLimit? owner) => this.owner = owner;

    /// <summary>A permit that limits nothing (concurrency off).</summary>
    public static ConcurrencyPermit None { get; } = new(null);

    public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release();
}
