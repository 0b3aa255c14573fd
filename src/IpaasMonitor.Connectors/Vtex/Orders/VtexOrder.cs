using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Vtex.Orders;

/// <summary>The fields of a VTEX order the hub reads (vtex-api.md §5.4). Money is in cents.</summary>
public sealed record VtexOrder
{
    [JsonPropertyName("orderId")]
    public string? OrderId { get; init; }

    [JsonPropertyName("sequence")]
    public string? Sequence { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("value")]
    public long? Value { get; init; }

    [JsonPropertyName("creationDate")]
    public string? CreationDate { get; init; }

    [JsonPropertyName("salesChannel")]
    public string? SalesChannel { get; init; }

    [JsonPropertyName("totals")]
    public IReadOnlyList<VtexOrderTotal>? Totals { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<VtexOrderItem>? Items { get; init; }

    [JsonPropertyName("clientProfileData")]
    public VtexClientProfile? ClientProfileData { get; init; }

    [JsonPropertyName("shippingData")]
    public VtexShippingData? ShippingData { get; init; }

    [JsonPropertyName("paymentData")]
    public VtexPaymentData? PaymentData { get; init; }

    [JsonPropertyName("packageAttachment")]
    public VtexPackageAttachment? PackageAttachment { get; init; }
}

public sealed record VtexOrderTotal(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("value")] long? Value);

public sealed record VtexOrderItem
{
    /// <summary>The VTEX SKU id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("productId")]
    public string? ProductId { get; init; }

    /// <summary>The SKU RefId: the ERP product code.</summary>
    [JsonPropertyName("refId")]
    public string? RefId { get; init; }

    [JsonPropertyName("ean")]
    public string? Ean { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("quantity")]
    public int? Quantity { get; init; }

    [JsonPropertyName("price")]
    public long? Price { get; init; }

    [JsonPropertyName("listPrice")]
    public long? ListPrice { get; init; }

    /// <summary>Unit price actually charged, in cents.</summary>
    [JsonPropertyName("sellingPrice")]
    public long? SellingPrice { get; init; }
}

public sealed record VtexClientProfile
{
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("firstName")]
    public string? FirstName { get; init; }

    [JsonPropertyName("lastName")]
    public string? LastName { get; init; }

    [JsonPropertyName("documentType")]
    public string? DocumentType { get; init; }

    [JsonPropertyName("document")]
    public string? Document { get; init; }

    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    [JsonPropertyName("corporateName")]
    public string? CorporateName { get; init; }

    [JsonPropertyName("tradeName")]
    public string? TradeName { get; init; }

    [JsonPropertyName("corporateDocument")]
    public string? CorporateDocument { get; init; }

    [JsonPropertyName("stateInscription")]
    public string? StateInscription { get; init; }

    [JsonPropertyName("isCorporate")]
    public bool? IsCorporate { get; init; }
}

public sealed record VtexShippingData
{
    [JsonPropertyName("address")]
    public VtexAddress? Address { get; init; }

    [JsonPropertyName("logisticsInfo")]
    public IReadOnlyList<VtexLogisticsInfo>? LogisticsInfo { get; init; }
}

public sealed record VtexAddress
{
    [JsonPropertyName("receiverName")]
    public string? ReceiverName { get; init; }

    [JsonPropertyName("postalCode")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("street")]
    public string? Street { get; init; }

    [JsonPropertyName("number")]
    public string? Number { get; init; }

    [JsonPropertyName("complement")]
    public string? Complement { get; init; }

    [JsonPropertyName("neighborhood")]
    public string? Neighborhood { get; init; }

    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }
}

public sealed record VtexLogisticsInfo
{
    [JsonPropertyName("itemIndex")]
    public int? ItemIndex { get; init; }

    [JsonPropertyName("sellingPrice")]
    public long? SellingPrice { get; init; }

    [JsonPropertyName("deliveryIds")]
    public IReadOnlyList<VtexDeliveryId>? DeliveryIds { get; init; }
}

public sealed record VtexDeliveryId(
    [property: JsonPropertyName("warehouseId")] string? WarehouseId,
    [property: JsonPropertyName("quantity")] int? Quantity);

public sealed record VtexPaymentData([property: JsonPropertyName("transactions")] IReadOnlyList<VtexTransaction>? Transactions);

public sealed record VtexTransaction([property: JsonPropertyName("payments")] IReadOnlyList<VtexPayment>? Payments);

public sealed record VtexPayment
{
    [JsonPropertyName("paymentSystem")]
    public string? PaymentSystem { get; init; }

    [JsonPropertyName("paymentSystemName")]
    public string? PaymentSystemName { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("value")]
    public long? Value { get; init; }

    [JsonPropertyName("installments")]
    public int? Installments { get; init; }
}

public sealed record VtexPackageAttachment([property: JsonPropertyName("packages")] IReadOnlyList<VtexPackage>? Packages);

public sealed record VtexPackage
{
    [JsonPropertyName("invoiceNumber")]
    public string? InvoiceNumber { get; init; }

    [JsonPropertyName("invoiceValue")]
    public long? InvoiceValue { get; init; }

    [JsonPropertyName("invoiceKey")]
    public string? InvoiceKey { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
