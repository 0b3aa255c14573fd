namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// The "IpaasMonitor:Resilience:StepRetry" section: how often a whole item step (look up, then write) is tried again
/// inside the run after a transient failure that outlived the HTTP pipeline's own retries (ADR-018). One profile per
/// system the step failed on, e.g. <c>IpaasMonitor:Resilience:StepRetry:VtexCatalog:MaxRetries</c>.
/// </summary>
public sealed class StepRetryOptions
{
    /// <summary>Off: a transient failure fails the message at once (the tests that need a failure turn it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>TOTVS Moda: slow and rarely flapping; few, spaced retries.</summary>
    public StepRetryProfile Erp { get; set; } = new() { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(60) };

    /// <summary>VTEX catalog (brands, categories, products, SKUs, specifications, similars).</summary>
    public StepRetryProfile VtexCatalog { get; set; } = new();

    /// <summary>VTEX Pricing v2 (main and branch prices).</summary>
    public StepRetryProfile VtexPricing { get; set; } = new();

    /// <summary>VTEX logistics (stock levels).</summary>
    public StepRetryProfile VtexLogistics { get; set; } = new();

    /// <summary>VTEX OMS (orders, invoices, cancellations).</summary>
    public StepRetryProfile VtexOms { get; set; } = new();

    /// <summary>The profile of the system and API a failed call went to.</summary>
    public StepRetryProfile For(ConnectorFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.System switch
        {
            ConnectorSystem.Erp => Erp,
            ConnectorSystem.VtexPricing => VtexPricing,
            _ when IsUnder(failure.RequestPath, "api/logistics/") => VtexLogistics,
            _ when IsUnder(failure.RequestPath, "api/oms/") || IsUnder(failure.RequestPath, "api/orders/") => VtexOms,
            _ => VtexCatalog,
        };
    }

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 for the first retry) of a step that failed with
    /// <paramref name="failure"/>; null when the step must not be tried again in this run: retries are off, the failure
    /// is not transient, the profile's retries are used up, or the server asked for a longer pause than
    /// <see cref="StepRetryProfile.MaxDelay"/> (the next run, or a re-queue, sends it).
    /// </summary>
    public TimeSpan? DelayBefore(int retry, ConnectorException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (!Enabled || failure.Kind != ConnectorErrorKind.Transient || retry < 1)
        {
            return null;
        }

        var profile = For(failure.Failure);
        if (retry > profile.MaxRetries)
        {
            return null;
        }

        var backoff = profile.Backoff(retry);
        if (failure.RetryAfter is { } asked && asked > backoff)
        {
            return asked <= profile.MaxDelay ? asked : null;
        }

        return backoff;
    }

    private static bool IsUnder(string path, string prefix) =>
        path.TrimStart('/').StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}

/// <summary>In-run retries of an item step for one system.</summary>
public sealed class StepRetryProfile
{
    /// <summary>Retries after the first try of the step. 0 turns them off for this system.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Wait before the first retry; it doubles for each next one, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two tries, also the longest Retry-After honoured inside the run.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>BaseDelay × 2^(retry − 1), at most <see cref="MaxDelay"/>.</summary>
    public TimeSpan Backoff(int retry)
    {
        var factor = Math.Pow(2, Math.Clamp(retry - 1, 0, 30));
        var ticks = Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)Math.Max(0, ticks));
    }
}
