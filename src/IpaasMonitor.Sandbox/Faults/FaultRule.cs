namespace IpaasMonitor.Sandbox.Faults;

/// <summary>
/// Faults injected on the routes matching <see cref="Route"/> (and <see cref="Scope"/>, when set).
/// Route keys look like <c>vtex:POST brand</c> or <c>vtex:POST /api/catalog/pvt/brand</c>,
/// <c>erp:POST brands/search</c>; <c>*</c> matches any text, and a pattern with no method
/// (<c>erp:brands/search</c>) matches every method. When several rules match, the most specific wins
/// (scoped before unscoped, fewer wildcards, longer pattern).
/// </summary>
public sealed record FaultRule
{
    /// <summary>Route key or pattern, e.g. <c>vtex:POST brand</c>, <c>vtex:*</c>, <c>erp:brands/search</c>.</summary>
    public string Route { get; init; } = "*";

    /// <summary>ERP tenant or VTEX account the rule applies to; null = all.</summary>
    public string? Scope { get; init; }

    /// <summary>Probability (0..1) of answering 503 without processing the request.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Probability (0..1) of answering 429 with <c>Retry-After</c>, without processing the request.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Value of the <c>Retry-After</c> header on injected 429s.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Delay added before the request is handled (real time).</summary>
    public int LatencyMs { get; init; }

    /// <summary>
    /// Probability (0..1) that the request IS processed (state changes) but the client gets a 504,
    /// like a gateway timeout after the write. This is what creates duplicates when a client blindly retries a POST.
    /// </summary>
    public double LostResponseRate { get; init; }

    /// <summary>The next N matching requests fail with <see cref="FailNextStatus"/> (counted down).</summary>
    public int FailNext { get; init; }

    /// <summary>Status used by <see cref="FailNext"/>; 429 also sends <c>Retry-After</c>.</summary>
    public int FailNextStatus { get; init; } = 503;
}
