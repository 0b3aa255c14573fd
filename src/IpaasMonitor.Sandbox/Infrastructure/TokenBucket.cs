namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>Token bucket on a <see cref="TimeProvider"/>: <c>capacity</c> burst credits refilled at <c>perSecond</c>.</summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _perSecond;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(TimeProvider time, int capacity, double perSecond)
    {
        _time = time;
        _capacity = Math.Max(1, capacity);
        _perSecond = perSecond;
        _tokens = _capacity;
        _last = time.GetUtcNow();
    }

    public int Limit => (int)_capacity;

    /// <summary>Takes one token; when none is left, <paramref name="retryAfterSeconds"/> says when one will be.</summary>
    public bool TryTake(out int remaining, out int retryAfterSeconds)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var elapsed = Math.Max(0, (now - _last).TotalSeconds);
            _tokens = Math.Min(_capacity, _tokens + (elapsed * _perSecond));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                remaining = (int)_tokens;
                retryAfterSeconds = 0;
                return true;
            }

            remaining = 0;
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / _perSecond));
            return false;
        }
    }

    /// <summary>Seconds until the bucket is full again.</summary>
    public int SecondsToFull()
    {
        lock (_gate)
            return (int)Math.Ceiling((_capacity - _tokens) / _perSecond);
    }
}
