namespace IpaasMonitor.Sandbox.Orders;

/// <summary>
/// How the sandbox plays the order side: VTEX orders arriving at a steady rate, and the ERP invoicing or cancelling
/// them after a delay. Bound from the "Sandbox:Orders" configuration section in the embedded demo.
/// </summary>
public sealed class SandboxOrderOptions
{
    /// <summary>One new VTEX order per account every interval. Zero or negative: none (tests place orders themselves).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Quiet time after the sandbox starts before the first order arrives, so a hub starting alongside has time to
    /// configure the feed (VTEX only queues events for a configured feed: an earlier order would never be delivered).
    /// </summary>
    public TimeSpan FirstOrderDelay { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Share of generated orders with a data problem the hub must refuse (missing or invalid document, unknown SKU, wrong totals).</summary>
    public double BadOrderRate { get; set; } = 0.08;

    /// <summary>Share of corporate buyers (CNPJ) among generated orders.</summary>
    public double CorporateRate { get; set; } = 0.2;

    /// <summary>Probability that a feed event is delivered twice (at-least-once delivery, vtex-api.md §5.2).</summary>
    public double DuplicateEventRate { get; set; } = 0.1;

    /// <summary>Used when the feed configuration does not say (vtex-api.md §5.1 suggests 240 s).</summary>
    public TimeSpan DefaultVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(240);

    /// <summary>When true the ERP invoices or cancels every order it received after <see cref="InvoiceDelayMin"/>–<see cref="InvoiceDelayMax"/>.</summary>
    public bool ErpAutoProcess { get; set; } = true;

    public TimeSpan InvoiceDelayMin { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan InvoiceDelayMax { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Delay between the two invoices of an order invoiced in two parts.</summary>
    public TimeSpan SecondPartDelay { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Share of ERP orders cancelled instead of invoiced.</summary>
    public double CancelRate { get; set; } = 0.1;

    /// <summary>Share of ERP orders invoiced in two parts (a partial invoice, then the rest).</summary>
    public double TwoPartRate { get; set; } = 0.17;

    /// <summary>Share of ERP orders only partially invoiced (the rest stays pending).</summary>
    public double PartialOnlyRate { get; set; } = 0.03;

    /// <summary>
    /// Warehouses that fulfil orders, per VTEX account; the first is the main one. The demo's connections map
    /// "1_1" to the main branch and "filial_2"/"filial_3" to a second branch (appsettings Branches).
    /// </summary>
    public IDictionary<string, IList<string>>? Warehouses { get; set; }

    /// <summary>Share of orders fulfilled by a non-main warehouse (when the account has one).</summary>
    public double BranchWarehouseRate { get; set; } = 0.35;

    internal IReadOnlyList<string> WarehousesOf(string account)
    {
        if (Warehouses is not null && Warehouses.TryGetValue(account, out var list) && list.Count > 0)
        {
            return [.. list];
        }

        return account switch
        {
            "loja-a" => ["1_1", "filial_2"],
            "loja-b" => ["1_1", "filial_3"],
            _ => ["1_1"],
        };
    }
}
