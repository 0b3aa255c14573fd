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
            Refill();
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
            Refill();
            return (int)Math.Ceiling((capacity - tokens) / perSecond);
        }
    }

    /// <summary>Seconds until one token is there (0 when one is).</summary>
    public int SecondsToOne()
    {
        lock (gate)
        {
            Refill();
            return tokens >= 1 ? 0 : (int)Math.Ceiling((1 - tokens) / perSecond);
        }
    }

    /// <summary>The tokens left now, without taking one.</summary>
    public (double Tokens, double Capacity) Peek()
    {
        lock (gate)
        {
            Refill();
            return (tokens, capacity);
        }
    }

    private void Refill()
    {
        var now = time.GetUtcNow();
        var elapsed = Math.Max(0, (now - last).TotalSeconds);
        tokens = Math.Min(capacity, tokens + (elapsed * perSecond));
        last = now;
    }
}
