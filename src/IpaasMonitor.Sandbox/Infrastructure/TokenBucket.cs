namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>Token bucket on a <see cref="TimeProvider"/>: <c>capacity</c> burst credits refilled at <c>perSecond</c>.</summary>
internal sealed class TokenBucket
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly double capacity;
    private readonly double perSecond;
    private double tokens;
    private DateTimeOffset last;

    public TokenBucket(TimeProvider time, int capacity, double perSecond)
    {
        this.time = time;
        this.capacity = Math.Max(1, capacity);
        this.perSecond = perSecond;
        tokens = this.capacity;
        last = time.GetUtcNow();
    }

    public int Limit => (int)capacity;

    /// <summary>Takes one token; when none is left, <paramref name="retryAfterSeconds"/> says when one will be.</summary>
    public bool TryTake(out int remaining, out int retryAfterSeconds)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var elapsed = Math.Max(0, (now - last).TotalSeconds);
            tokens = Math.Min(capacity, tokens + (elapsed * perSecond));
            last = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                remaining = (int)tokens;
                retryAfterSeconds = 0;
                return true;
            }

            remaining = 0;
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - tokens) / perSecond));
            return false;
        }
    }

    /// <summary>Seconds until the bucket is full again.</summary>
    public int SecondsToFull()
    {
        lock (gate)
        {
            return (int)Math.Ceiling((capacity - tokens) / perSecond);
        }
    }
}
