namespace IpaasMonitor.Sandbox.Network;

/// <summary>
/// How long the fake systems take to answer: one lognormal distribution per route pattern, given by its median and
/// its 99th percentile. Off by default in <see cref="SandboxOptions"/> (tests run on a fake clock); the demo hosts
/// (the embedded sandbox, <c>dotnet run --project src/IpaasMonitor.Sandbox</c>) turn it on unless told otherwise.
/// The delay waits on the sandbox's <see cref="SandboxOptions.TimeProvider"/> (no thread is blocked).
/// </summary>
public sealed class SandboxLatencyOptions
{
    /// <summary>Adds the modelled delay to every ERP and VTEX request.</summary>
    public bool Enabled { get; set; }

    /// <summary>Rules by route pattern (same keys as fault rules: <c>vtex:PUT sku</c>, <c>vtex:*</c>, <c>erp:*</c>); the one with the most literal characters wins. Null = <see cref="DefaultRoutes"/>.</summary>
    public IList<LatencyRule>? Routes { get; set; }

    /// <summary>No single delay is longer than this (the lognormal's tail is unbounded).</summary>
    public int MaxMs { get; set; } = 10_000;

    /// <summary>
    /// Demo distributions: VTEX catalog and OMS p50 120 ms / p99 800 ms, logistics p50 100 / p99 600, pricing p50 80 /
    /// p99 400, the ERP p50 250 / p99 2,000 (its searches are slow).
    /// </summary>
    public static IList<LatencyRule> DefaultRoutes() =>
    [
        new LatencyRule { Route = "vtex:*", P50Ms = 120, P99Ms = 800 },
        new LatencyRule { Route = "vtex:* /api/logistics/*", P50Ms = 100, P99Ms = 600 },
        new LatencyRule { Route = "vtex:* /pricing/*", P50Ms = 80, P99Ms = 400 },
        new LatencyRule { Route = "erp:*", P50Ms = 250, P99Ms = 2_000 },
    ];

    internal IReadOnlyList<LatencyRule> ResolvedRoutes() => [.. Routes ?? DefaultRoutes()];
}

/// <summary>The latency of the routes matching <see cref="Route"/>: lognormal with this median and 99th percentile.</summary>
public sealed record LatencyRule
{
    /// <summary>Route key or pattern, as for <see cref="Faults.FaultRule.Route"/>.</summary>
    public string Route { get; init; } = "*";

    /// <summary>Median delay in milliseconds.</summary>
    public double P50Ms { get; init; } = 120;

    /// <summary>99th-percentile delay in milliseconds (at least the median).</summary>
    public double P99Ms { get; init; } = 800;
}

/// <summary>
/// VTEX's documented request limits, per route (method + path template, "per endpoint") and per account, for the
/// catalog and logistics APIs (pricing has its own bucket: <see cref="SandboxOptions.PricingWritesPerSecond"/>).
/// Each limit is a token bucket refilled at <c>PerMinute / 60</c> per second holding <see cref="BurstSeconds"/> of it.
/// Beyond it: 429 with <c>Retry-After</c>, the request not processed. Every answer of a limited API carries
/// <c>Ratelimit-Limit</c>, <c>Ratelimit-Remaining</c> and <c>Ratelimit-Reset</c> (of the tighter bucket).
/// </summary>
public sealed class SandboxRateLimitOptions
{
    /// <summary>Applies the catalog and logistics limits below (pricing's is always on while its rate is positive).</summary>
    public bool Enabled { get; set; }

    /// <summary>Catalog, per route and account. VTEX: 15,000/min.</summary>
    public double CatalogPerRoutePerMinute { get; set; } = 15_000;

    /// <summary>Catalog, per account (all its routes). VTEX: 45,000/min.</summary>
    public double CatalogPerAccountPerMinute { get; set; } = 45_000;

    /// <summary>Logistics, per route and account. VTEX does not quantify it; the catalog's figure is assumed.</summary>
    public double LogisticsPerRoutePerMinute { get; set; } = 15_000;

    /// <summary>Logistics, per account. Not quantified by VTEX; the catalog's figure is assumed.</summary>
    public double LogisticsPerAccountPerMinute { get; set; } = 45_000;

    /// <summary>Bucket size in seconds of the limit's rate (the burst a quiet client may send at once).</summary>
    public double BurstSeconds { get; set; } = 2;
}
