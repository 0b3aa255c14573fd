namespace IpaasMonitor.Data.Entities;

/// <summary>
/// A condition the alert evaluator checks every minute (ADR-022). Admins edit the rules in the UI; the defaults are
/// seeded once. Channels are per rule: e-mail recipients and webhook names (the URLs are settings, never stored here).
/// </summary>
public sealed class AlertRule
{
    /// <summary>Longest <see cref="Name"/> stored.</summary>
    public const int NameMaxLength = 128;

    /// <summary>Longest <see cref="Kind"/> stored (the longest <see cref="AlertRuleKind"/> name, with room to spare).</summary>
    public const int KindMaxLength = 32;

    /// <summary>Longest <see cref="System"/> stored.</summary>
    public const int SystemMaxLength = 16;

    /// <summary>Longest <see cref="EmailTo"/> and <see cref="Webhooks"/> stored.</summary>
    public const int ChannelsMaxLength = 512;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public AlertRuleKind Kind { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The connection the rule watches; null = every configured connection (one alert per connection).</summary>
    public string? ConnectionId { get; set; }

    /// <summary>The diagram of a diagram rule; null = every diagram of the catalogue.</summary>
    public int? Diagram { get; set; }

    /// <summary>The external system of a breaker rule (<c>Erp</c>, <c>Vtex</c>, <c>VtexPricing</c>); null = any.</summary>
    public string? System { get; set; }

    /// <summary>The N of the rule in minutes: the window of a failure rate, the silence, the open breaker, the order's wait.</summary>
    public int Minutes { get; set; }

    /// <summary>Failure rate in percent at or above which a <see cref="AlertRuleKind.DiagramFailureRate"/> rule fires.</summary>
    public int ThresholdPercent { get; set; }

    /// <summary>Items (sent + failed) a window must hold before its failure rate counts (no alert on 1 failure of 1).</summary>
    public int MinimumItems { get; set; }

    /// <summary>E-mail recipients, comma- or semicolon-separated; empty = no e-mail.</summary>
    public string? EmailTo { get; set; }

    /// <summary>Names of webhooks configured in <c>Alerts:Webhooks</c>, comma-separated; empty = no webhook.</summary>
    public string? Webhooks { get; set; }

    /// <summary>When the rule was created or last changed: a silence rule does not count time from before it.</summary>
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>What an <see cref="AlertRule"/> watches. Stored as text.</summary>
public enum AlertRuleKind
{
    /// <summary>Failed items / (sent + failed items) of a diagram's runs in the last N minutes at or above the threshold.</summary>
    DiagramFailureRate,

    /// <summary>No Completed run of a diagram for N minutes.</summary>
    DiagramSilent,

    /// <summary>A connector circuit breaker open for N minutes.</summary>
    BreakerOpen,

    /// <summary>An order placed in VTEX (read by 24) and not accepted by the ERP (28/29) after N minutes.</summary>
    OrderNotInErp,

    /// <summary>An invoice issued in the ERP (read by 30/32) and not accepted by VTEX (31/33/38) after N minutes.</summary>
    InvoiceNotInVtex,

    /// <summary>An order cancelled in the ERP (34/36) and not confirmed cancelled in VTEX (35/37) after N minutes.</summary>
    CancelNotConfirmed,
}
