namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// Resilience settings for one external system. Each connection gets its own pipeline built from these values,
/// so one tenant's rate limit and circuit breaker never affect another's.
/// </summary>
public sealed class ResilienceProfileOptions
{
    /// <summary>
    /// Requests per second allowed per connection (token bucket); fractional for limits published per minute (VTEX
    /// Pricing: 2,000/min = 33.333…/s). 0 turns the limiter off.
    /// </summary>
    public double PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: requests that may go at once after a quiet period. 0 means "same as PermitsPerSecond".</summary>
    public int Burst { get; set; }

    /// <summary>Requests waiting for a permit before new ones are rejected.</summary>
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>Upper bound for one call including every retry and wait.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Upper bound for a single attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt. 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First back-off delay; it doubles each attempt (with jitter when <see cref="UseJitter"/>).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest back-off delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// A Retry-After longer than this is not waited for inside the call: the call fails as transient and carries
    /// the Retry-After so the message can be re-queued for later.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the ratio is considered (at least 2).</summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open (calls fail fast) before a trial call.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
