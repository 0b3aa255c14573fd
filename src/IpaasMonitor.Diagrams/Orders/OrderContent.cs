using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>A VTEX order as the hub keeps it once validated (HubOrder.Content). Money in cents.</summary>
public sealed record HubOrderContent(
    string OrderId,
    string? Sequence,
    string? CreationDate,
    HubCustomer Customer,
    HubShipping Shipping,
    IReadOnlyList<HubOrderLine> Items,
    long ItemsCents,
    long ShippingCents,
    long DiscountsCents,
    long TotalCents,
    HubPayment? Payment,
    string? WarehouseId)
{
    public static HubOrderContent? Of(HubOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Content is null ? null : System.Text.Json.JsonSerializer.Deserialize<HubOrderContent>(order.Content, HubStore.Json);
    }
}

/// <summary>The buyer: an individual (CPF) or a company (CNPJ). Documents are digits only.</summary>
public sealed record HubCustomer(bool IsCorporate, string Document, string Name, string? Email, string? Phone, string? TradeName, string? StateInscription);

public sealed record HubShipping(string? ReceiverName, string PostalCode, string? Street, string? Number, string? Complement, string? Neighborhood, string? City, string? State);

/// <summary>One order line: VTEX SKU id, the ERP product code (the SKU's RefId), units and unit price charged.</summary>
public sealed record HubOrderLine(string SkuId, int ProductCode, string? Name, int Quantity, long UnitPriceCents);

public sealed record HubPayment(string? Name, string? Group, int Installments, long ValueCents);

/// <summary>An ERP invoice (NF-e) of an order, as kept in the hub records of kind "invoice" (parent = orderId).</summary>
/// <param name="Partial">True when this invoice alone does not cover the whole order (sent by diagram 38).</param>
public sealed record HubInvoice(
    string OrderId,
    int BranchCode,
    int OrderCode,
    int Number,
    string Serial,
    string AccessKey,
    string IssueDate,
    long TotalCents,
    long FreightCents,
    IReadOnlyList<HubInvoiceLine> Items,
    bool Partial)
{
    /// <summary>Hub record key and message business key: branch-série-number, e.g. "1-1-20345".</summary>
    public string Key => KeyOf(BranchCode, Serial, Number);

    public static string KeyOf(int branchCode, string serial, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{branchCode}-{serial}-{number}");
}

public sealed record HubInvoiceLine(int ProductCode, string SkuId, int Quantity, long UnitPriceCents);
