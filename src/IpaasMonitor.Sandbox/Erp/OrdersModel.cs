namespace IpaasMonitor.Sandbox.Erp;

/// <summary>A customer (pessoa) of the fake ERP: an individual (CPF) or a company (CNPJ).</summary>
public sealed record ErpCustomer(
    int Code,
    bool IsLegal,
    string Document,
    string Name,
    string? Email,
    string? Phone,
    string? PostalCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset ChangedAt);

/// <summary>One line of an ERP sales order (quantities: ordered, invoiced = settled, canceled).</summary>
public sealed record ErpOrderItem(int ProductCode, int Quantity, decimal Price, int SettledQuantity = 0, int CanceledQuantity = 0)
{
    public int PendingQuantity => Quantity - SettledQuantity - CanceledQuantity;
}

/// <summary>A sales order of the fake ERP, created by <c>b2c-orders</c> and identified by the VTEX <see cref="OrderId"/>.</summary>
public sealed record ErpSalesOrder(
    int OrderCode,
    int BranchCode,
    string OrderId,
    string? CustomerOrderCode,
    string? IntegrationCode,
    int CustomerCode,
    DateTimeOffset OrderDate,
    IReadOnlyList<ErpOrderItem> Items,
    decimal FreightValue,
    decimal TotalAmountOrder,
    string Status,
    bool FreightInvoiced,
    DateTimeOffset CreatedAt,
    DateTimeOffset ChangedAt)
{
    public bool HasPending => Items.Any(i => i.PendingQuantity > 0);
}

public sealed record ErpInvoiceItem(int ProductCode, int Quantity, decimal UnitPrice);

/// <summary>An NF-e issued by the fake ERP for (part of) a sales order.</summary>
public sealed record ErpInvoice(
    int BranchCode,
    int InvoiceSequence,
    int InvoiceCode,
    int SerialCode,
    DateTimeOffset IssueDate,
    decimal ProductValue,
    decimal FreightValue,
    decimal TotalValue,
    string AccessKey,
    string Status,
    int OrderCode,
    string OrderId,
    int PersonCode,
    IReadOnlyList<ErpInvoiceItem> Items,
    DateTimeOffset ChangedAt);

/// <summary>What the ERP will do with an order on its own (when <c>ErpAutoProcess</c> is on).</summary>
public enum ErpOrderPlan
{
    /// <summary>One invoice with everything.</summary>
    Full,

    /// <summary>A partial invoice, then another with the rest.</summary>
    TwoParts,

    /// <summary>A partial invoice; the rest stays pending.</summary>
    PartialOnly,

    /// <summary>Cancelled before any invoice.</summary>
    Cancel,
}
