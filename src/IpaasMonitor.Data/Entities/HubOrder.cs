namespace IpaasMonitor.Data.Entities;

/// <summary>
/// One VTEX order as the hub follows it through the order diagrams (24 → 25 → 26 → 27 → 28/29 → 30/32 → 31/33 / 38,
/// or → 34/36 → 35/37). <see cref="Stage"/> moves only by conditional updates (from an expected stage), so two runs
/// or two nodes can never both take the same step.
/// </summary>
public sealed class HubOrder
{
    /// <summary>Longest <see cref="OrderId"/> stored.</summary>
    public const int OrderIdMaxLength = 64;

    /// <summary>Longest <see cref="Stage"/> stored (the longest <see cref="OrderStage"/> name, with room to spare).</summary>
    public const int StageMaxLength = 24;

    /// <summary>Longest <see cref="VtexStatus"/> stored.</summary>
    public const int VtexStatusMaxLength = 48;

    /// <summary>Longest <see cref="FeedHandle"/> stored.</summary>
    public const int FeedHandleMaxLength = 2000;

    /// <summary>Longest <see cref="LastError"/> stored.</summary>
    public const int LastErrorMaxLength = 2000;

    public long Id { get; set; }

    public string ConnectionId { get; set; } = "";

    /// <summary>The VTEX orderId: the correlation id of every message of this order.</summary>
    public string OrderId { get; set; } = "";

    public OrderStage Stage { get; set; }

    /// <summary>ERP branch chosen by the connection's routing rule (set by 26).</summary>
    public int? BranchCode { get; set; }

    /// <summary>True when <see cref="BranchCode"/> is the connection's main branch (diagrams 28/30/34/31/35 vs 29/32/36/33/37).</summary>
    public bool IsMainBranch { get; set; } = true;

    /// <summary>The ERP customer code (set by 27).</summary>
    public int? CustomerCode { get; set; }

    /// <summary>The ERP order code (set by 28/29).</summary>
    public int? ErpOrderCode { get; set; }

    /// <summary>Last VTEX status seen (feed event or GET order).</summary>
    public string? VtexStatus { get; set; }

    /// <summary>Handle of the feed event that brought the order, until diagram 25 commits it.</summary>
    public string? FeedHandle { get; set; }

    /// <summary>Short human reason of the last failure (validation or a remote refusal).</summary>
    public string? LastError { get; set; }

    /// <summary>The normalised order (items, customer, totals in cents) as JSON, set by 26.</summary>
    public string? Content { get; set; }

    public string? ContentHash { get; set; }

    /// <summary>Cents already accepted by VTEX in invoices.</summary>
    public long InvoicedCents { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime StageChangedAtUtc { get; set; }
}

/// <summary>Where an order is in the hub. Stored as text so a new stage never renumbers old rows.</summary>
public enum OrderStage
{
    /// <summary>Read from the VTEX feed (24).</summary>
    Received,

    /// <summary>Refused by the validation of 26 (reason in LastError); a re-queue of 26 validates it again.</summary>
    Invalid,

    /// <summary>Detail read and valid (26).</summary>
    Validated,

    /// <summary>Customer created or found in the ERP (27).</summary>
    CustomerReady,

    /// <summary>Sales order accepted by the ERP (28/29).</summary>
    InErp,

    /// <summary>VTEX moved to handling (25 start-handling).</summary>
    Handling,

    /// <summary>Some invoices accepted by VTEX, not the whole value (38).</summary>
    PartiallyInvoiced,

    /// <summary>Invoices add up to the order value in VTEX (31/33/38). Final.</summary>
    Invoiced,

    /// <summary>Cancelled in the ERP (34/36), not yet in VTEX.</summary>
    ErpCanceled,

    /// <summary>Cancelled in VTEX (35/37). Final.</summary>
    Canceled,
}
