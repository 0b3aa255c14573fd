namespace IpaasMonitor.Connectors;

/// <summary>Which branch fulfils (and so receives in the ERP, invoices and cancels) a VTEX order.</summary>
public enum OrderBranchRule
{
    /// <summary>The warehouse of the order's delivery (logisticsInfo[].deliveryIds[].warehouseId) mapped through <see cref="ConnectionOptions.Branches"/>; unknown warehouses go to the main branch.</summary>
    Warehouse,

    /// <summary>The ship-to state (UF) mapped through <see cref="OrderOptions.BranchByState"/>; other states go to the main branch.</summary>
    ShippingState,

    /// <summary>Every order goes to the main branch.</summary>
    MainOnly,
}

/// <summary>Per-connection order settings ("IpaasMonitor:Connections:N:Orders").</summary>
public sealed class OrderOptions
{
    public OrderBranchRule BranchRule { get; set; } = OrderBranchRule.Warehouse;

    /// <summary>UF → ERP branch code, for <see cref="OrderBranchRule.ShippingState"/>.</summary>
    public Dictionary<string, int> BranchByState { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Order statuses the hub asks the VTEX feed for (diagram 23).</summary>
    public List<string> FeedStatuses { get; set; } = ["ready-for-handling", "invoiced", "canceled"];

    public int FeedVisibilityTimeoutSeconds { get; set; } = 240;

    /// <summary>4 days, the minimum VTEX accepts.</summary>
    public int FeedRetentionSeconds { get; set; } = 345_600;

    /// <summary>Feed lots (of at most 10 events) read per run of diagram 24.</summary>
    public int FeedLotsPerRun { get; set; } = 30;

    /// <summary>When set, diagram 23 also configures the VTEX hook to POST here (the feed stays the source the hub reads).</summary>
    public string? HookUrl { get; set; }

    /// <summary>TOTVS sales-order fields the tenant requires; their values are customer-specific.</summary>
    public int OperationCode { get; set; } = 5102;

    public int PaymentConditionCode { get; set; } = 1;

    public int SellerCode { get; set; } = 1;

    public int FreightType { get; set; } = 1;
}
