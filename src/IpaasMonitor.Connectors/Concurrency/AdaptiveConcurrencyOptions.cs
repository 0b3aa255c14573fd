namespace IpaasMonitor.Connectors.Concurrency;

/// <summary>
/// The "IpaasMonitor:Concurrency" section: how many VTEX sends and requests run at once, per connection and system and
/// per route (ADR-023). The limit starts at <see cref="InitialLimit"/>, grows by one per limit's worth of answers while
/// latency stays near its baseline and no 429 comes, and shrinks (multiplied by a ratio, at most once per limit's worth
/// of answers) on a 429, on latency above <see cref="LatencyTolerance"/> × its baseline, and on
/// <c>Ratelimit-Remaining</c> below <see cref="RemainingLowShare"/> of <c>Ratelimit-Limit</c> (and stops growing under twice that).
/// </summary>
public sealed class AdaptiveConcurrencyOptions
{
    public const string SectionName = "IpaasMonitor:Concurrency";

    /// <summary>Off: the templates send with <see cref="FixedLimit"/> at once and nothing adapts (the old behaviour).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sends at once per diagram run when <see cref="Enabled"/> is off.</summary>
    public int FixedLimit { get; set; } = 8;

    public int InitialLimit { get; set; } = 8;

    public int MinLimit { get; set; } = 1;

    public int MaxLimit { get; set; } = 64;

    /// <summary>The limit is multiplied by this on a 429.</summary>
    public double ThrottledRatio { get; set; } = 0.5;

    /// <summary>The limit is multiplied by this on rising latency or a low <c>Ratelimit-Remaining</c>.</summary>
    public double SlowdownRatio { get; set; } = 0.9;

    /// <summary>Latency (moving average) above this multiple of its baseline counts as rising.</summary>
    public double LatencyTolerance { get; set; } = 2.0;

    /// <summary>Weight of one answer in the latency's moving average.</summary>
    public double LatencySmoothing { get; set; } = 0.05;

    /// <summary>Answers needed before latency can shrink the limit (the baseline settles first).</summary>
    public int LatencyWarmup { get; set; } = 20;

    /// <summary><c>Ratelimit-Remaining</c> under this share of <c>Ratelimit-Limit</c> shrinks the limit; under twice it, the limit stops growing.</summary>
    public double RemainingLowShare { get; set; } = 0.2;
}
