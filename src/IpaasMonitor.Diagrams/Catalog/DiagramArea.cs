namespace IpaasMonitor.Diagrams.Catalog;

/// <summary>
/// The business area a diagram belongs to, as support staff group them on the overview (<c>/painel</c>). Values are not
/// persisted (the counters are kept per diagram), so the grouping can change without a migration.
/// </summary>
public enum DiagramArea
{
    /// <summary>Brands, categories, products, specifications, SKUs, similars and the 24-hour re-send (01–12, 17–18, 39).</summary>
    Catalog,

    /// <summary>Main and branch stock (13–16).</summary>
    Stock,

    /// <summary>Main and branch price tables (19–22).</summary>
    Prices,

    /// <summary>Order feed configuration, receipt, validation, customer and sales order in the ERP (23–29).</summary>
    Orders,

    /// <summary>Invoices read from the ERP and sent to VTEX, partial invoices included (30–33, 38).</summary>
    Invoices,

    /// <summary>Cancellations read from the ERP and sent to VTEX (34–37).</summary>
    Cancellations,
}
