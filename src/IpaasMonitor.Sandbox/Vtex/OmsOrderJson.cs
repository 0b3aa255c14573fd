using System.Globalization;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>The body of GET /api/oms/pvt/orders/{orderId}: the fields an ERP integration reads (vtex-api.md §5.4), camelCase, money in cents.</summary>
internal static class OmsOrderJson
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["ready-for-handling"] = "Pronto para o manuseio",
        ["handling"] = "Preparando Entrega",
        ["invoiced"] = "Faturado",
        ["canceled"] = "Cancelado",
    };

    public static object Render(OmsOrder o, string account)
    {
        var buyer = o.Buyer;
        var corporate = buyer.Cnpj is not null;
        var a = buyer.Address;
        return new
        {
            orderId = o.OrderId,
            sequence = o.Sequence,
            marketplaceOrderId = "",
            sellerOrderId = "00-" + o.OrderId,
            origin = "Marketplace",
            affiliateId = "",
            salesChannel = o.SalesChannel,
            merchantName = (string?)null,
            status = o.Status,
            statusDescription = Descriptions.GetValueOrDefault(o.Status, o.Status),
            workflowIsInError = false,
            value = o.ValueCents,
            creationDate = OmsEndpoints.Date(o.CreationDate),
            lastChange = OmsEndpoints.Date(o.LastChange),
            authorizedDate = OmsEndpoints.Date(o.CreationDate.AddMinutes(1)),
            invoicedDate = o.InvoicedDate is { } invoiced ? OmsEndpoints.Date(invoiced) : null,
            orderGroup = o.OrderId.Split('-')[0],
            hostname = account,
            isCompleted = true,
            allowCancellation = o.Status is OmsStore.ReadyForHandling or OmsStore.Handling && o.Invoices.Count == 0,
            allowEdition = false,
            cancelReason = o.CancelReason,
            totals = new object[]
            {
                new { id = "Items", name = "Total dos Itens", value = o.ItemsCents },
                new { id = "Discounts", name = "Total dos Descontos", value = 0L },
                new { id = "Shipping", name = "Total do Frete", value = o.ShippingCents },
                new { id = "Tax", name = "Total da Taxa", value = 0L },
            },
            items = o.Items.Select((item, index) => new
            {
                uniqueId = $"{o.OrderId}-{index.ToString(CultureInfo.InvariantCulture)}",
                id = item.SkuId,
                productId = item.ProductId,
                ean = item.Ean,
                refId = item.RefId,
                quantity = item.Quantity,
                seller = "1",
                name = item.Name,
                price = item.PriceCents,
                listPrice = item.ListPriceCents,
                sellingPrice = item.PriceCents,
                measurementUnit = "un",
                unitMultiplier = 1.0,
                isGift = false,
                tax = 0,
            }),
            clientProfileData = new
            {
                id = "clientProfileData",
                email = buyer.Email,
                firstName = buyer.FirstName,
                lastName = buyer.LastName,
                documentType = "cpf",
                document = o.Document,
                phone = buyer.Phone,
                corporateName = buyer.CorporateName,
                tradeName = buyer.CorporateName,
                corporateDocument = buyer.Cnpj,
                stateInscription = corporate ? "ISENTO" : null,
                corporatePhone = corporate ? buyer.Phone : null,
                isCorporate = corporate,
                userProfileId = (string?)null,
            },
            shippingData = new
            {
                id = "shippingData",
                address = new
                {
                    addressType = "residential",
                    receiverName = $"{buyer.FirstName} {buyer.LastName}",
                    addressId = "1",
                    postalCode = a.PostalCode,
                    city = a.City,
                    state = a.State,
                    country = "BRA",
                    street = a.Street,
                    number = a.Number,
                    neighborhood = a.Neighborhood,
                    complement = a.Complement,
                    reference = (string?)null,
                },
                logisticsInfo = o.Items.Select((item, index) => new
                {
                    itemIndex = index,
                    selectedSla = "Normal",
                    price = index == 0 ? o.ShippingCents : 0,
                    listPrice = index == 0 ? o.ShippingCents : 0,
                    sellingPrice = index == 0 ? o.ShippingCents : 0,
                    shippingEstimate = "5bd",
                    deliveryCompany = "Transportadora Sandbox",
                    deliveryChannel = "delivery",
                    deliveryIds = new[]
                    {
                        new { courierId = "1", courierName = "Transportadora Sandbox", dockId = "1", quantity = item.Quantity, warehouseId = o.WarehouseId },
                    },
                }),
            },
            paymentData = new
            {
                transactions = new[]
                {
                    new
                    {
                        isActive = true,
                        transactionId = $"TX{o.Sequence}",
                        merchantName = account,
                        payments = new[]
                        {
                            new
                            {
                                id = $"PAY{o.Sequence}",
                                paymentSystem = o.Payment.PaymentSystem,
                                paymentSystemName = o.Payment.PaymentSystemName,
                                value = o.ValueCents,
                                installments = o.Payment.Installments,
                                referenceValue = o.ValueCents,
                                group = o.Payment.Group,
                                tid = $"TID{o.Sequence}",
                            },
                        },
                    },
                },
            },
            packageAttachment = new
            {
                packages = o.Invoices.Select(i => new
                {
                    invoiceNumber = i.Number,
                    invoiceValue = i.ValueCents,
                    invoiceKey = i.Key,
                    invoiceUrl = i.Url,
                    issuanceDate = i.IssuanceDate,
                    type = i.Type,
                    courier = "",
                    trackingNumber = "",
                    items = i.Items.Select(item => new
                    {
                        itemIndex = Math.Max(0, o.Items.ToList().FindIndex(x => x.SkuId == item.SkuId)),
                        quantity = item.Quantity,
                        price = item.PriceCents,
                    }),
                }),
            },
            sellers = new[] { new { id = "1", name = account, logo = "" } },
            storePreferencesData = new { countryCode = "BRA", currencyCode = "BRL", currencySymbol = "R$", timeZone = "E. South America Standard Time" },
        };
    }
}
