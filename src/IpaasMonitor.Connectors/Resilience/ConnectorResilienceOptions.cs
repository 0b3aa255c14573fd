namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// The "IpaasMonitor:Resilience" section: one profile per external system, e.g.
/// <c>IpaasMonitor:Resilience:Vtex:MaxRetryAttempts</c>. Tests set the delays to zero here.
/// </summary>
public sealed class ConnectorResilienceOptions
{
    public const string SectionName = "IpaasMonitor:Resilience";

    /// <summary>TOTVS Moda: no published limit, slow searches (8 s and more are common).</summary>
    public ResilienceProfileOptions Erp { get; set; } = new()
    {
        PermitsPerSecond = 20,
        AttemptTimeout = TimeSpan.FromSeconds(90),
        TotalTimeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// VTEX catalog, logistics and OMS: 45,000/min (750/s) per account, 15,000/min per endpoint. The ceiling stays under
    /// the account's limit; below it the adaptive concurrency (ADR-023) finds the pace VTEX answers at.
    /// </summary>
    public ResilienceProfileOptions Vtex { get; set; } = new()
    {
        PermitsPerSecond = 700,
    };

    /// <summary>
    /// VTEX Pricing v2: writes limited to 2,000/min (33.3/s) per account, with 500 burst credits. The ceiling is VTEX's
    /// own rate (ADR-023 amendment): the hub's bucket never refills faster than VTEX's, so VTEX's credits only ever
    /// absorb the jitter of arrival times; the hub's burst of 100 leaves 400 of them for that.
    /// </summary>
    public ResilienceProfileOptions VtexPricing { get; set; } = new()
    {
        PermitsPerSecond = 2000 / 60.0,
        Burst = 100,
    };

    /// <summary>
    /// In-run retries of a whole item step (look up, then write) after a transient failure the pipeline above did not
    /// absorb (ADR-018): "IpaasMonitor:Resilience:StepRetry".
    /// </summary>
    public StepRetryOptions StepRetry { get; set; } = new();

    public ResilienceProfileOptions For(ConnectorSystem system) => system switch
    {
        ConnectorSystem.Erp => Erp,
        ConnectorSystem.Vtex => Vtex,
        ConnectorSystem.VtexPricing => VtexPricing,
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, "Unknown connector system."),
    };
}
