using System.Globalization;
using IpaasMonitor.Connectors.Vtex.Orders;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>The result of checking a VTEX order: the normalised content, or every problem found (pt-BR, for the grid).</summary>
public sealed record OrderCheck(HubOrderContent? Content, IReadOnlyList<string> Problems)
{
    public bool IsValid => Content is not null && Problems.Count == 0;

    /// <summary>All problems in one readable line.</summary>
    public string Reason => string.Join("; ", Problems);
}

/// <summary>
/// Diagram 26's validation: what makes an order unfit for the ERP, in words a support analyst can act on. It never
/// throws on bad input; every problem is collected so one re-queue after fixing the data is enough.
/// </summary>
public static class OrderValidation
{
    /// <param name="document">The raw and typed order from VTEX.</param>
    /// <param name="expectedOrderId">The order id the hub asked for.</param>
    /// <param name="isKnownProduct">Whether the hub knows an ERP product code; null when the hub has no SKU catalogue to check against.</param>
    public static OrderCheck Validate(VtexOrderDocument document, string expectedOrderId, Func<int, bool>? isKnownProduct = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        if (document.Order is not { } order)
        {
            return new OrderCheck(null, [$"JSON do pedido ilegível: {document.ParseError}"]);
        }

        if (string.IsNullOrWhiteSpace(order.OrderId))
        {
            problems.Add("orderId ausente no pedido");
        }
        else if (!string.Equals(order.OrderId, expectedOrderId, StringComparison.Ordinal))
        {
            problems.Add($"a VTEX devolveu o pedido {order.OrderId} ao pedir {expectedOrderId}");
        }

        if (order.Status is null)
        {
            problems.Add("pedido incompleto na VTEX (status nulo)");
        }
        else if (order.Status is "canceled" or "cancel")
        {
            problems.Add($"pedido já cancelado na VTEX ({order.Status})");
        }

        var customer = CheckCustomer(order.ClientProfileData, problems);
        var shipping = CheckShipping(order.ShippingData?.Address, problems);
        var lines = CheckItems(order.Items, isKnownProduct, problems);
        var (itemsCents, shippingCents, discountsCents) = CheckTotals(order, lines, problems);

        if (problems.Count > 0)
        {
            return new OrderCheck(null, problems);
        }

        var payment = order.PaymentData?.Transactions?.SelectMany(t => t.Payments ?? []).FirstOrDefault();
        var content = new HubOrderContent(
            order.OrderId!,
            order.Sequence,
            order.CreationDate,
            customer!,
            shipping!,
            lines,
            itemsCents,
            shippingCents,
            discountsCents,
            order.Value!.Value,
            payment is null ? null : new HubPayment(payment.PaymentSystemName, payment.Group, payment.Installments ?? 1, payment.Value ?? 0),
            order.ShippingData?.LogisticsInfo?.SelectMany(l => l.DeliveryIds ?? []).Select(d => d.WarehouseId).FirstOrDefault(w => !string.IsNullOrWhiteSpace(w)));
        return new OrderCheck(content, []);
    }

    private static HubCustomer? CheckCustomer(VtexClientProfile? profile, List<string> problems)
    {
        if (profile is null)
        {
            problems.Add("dados do cliente (clientProfileData) ausentes");
            return null;
        }

        var corporate = profile.IsCorporate == true;
        string? document;
        string name;
        if (corporate)
        {
            document = profile.CorporateDocument;
            name = (profile.CorporateName ?? profile.TradeName ?? "").Trim();
            if (string.IsNullOrWhiteSpace(document))
            {
                problems.Add("cliente pessoa jurídica sem CNPJ (corporateDocument)");
                document = null;
            }
            else if (!BrazilianDocuments.IsValidCnpj(document))
            {
                problems.Add($"CNPJ inválido: {BrazilianDocuments.Mask(document)}");
                document = null;
            }
        }
        else
        {
            document = profile.Document;
            name = $"{profile.FirstName} {profile.LastName}".Trim();
            if (string.IsNullOrWhiteSpace(document))
            {
                problems.Add("cliente sem documento (CPF)");
                document = null;
            }
            else if (profile.DocumentType is { } type && !string.Equals(type, "cpf", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"tipo de documento não suportado: {type}");
                document = null;
            }
            else if (!BrazilianDocuments.IsValidCpf(document))
            {
                problems.Add($"CPF inválido: {BrazilianDocuments.Mask(document)}");
                document = null;
            }
        }

        if (name.Length == 0)
        {
            problems.Add("nome do cliente ausente");
        }

        if (document is null || name.Length == 0)
        {
            return null;
        }

        var normalised = corporate ? BrazilianDocuments.Alphanumerics(document) : BrazilianDocuments.Digits(document);
        return new HubCustomer(corporate, normalised, name, profile.Email, profile.Phone, profile.TradeName, profile.StateInscription);
    }

    private static HubShipping? CheckShipping(VtexAddress? address, List<string> problems)
    {
        if (address is null)
        {
            problems.Add("endereço de entrega ausente");
            return null;
        }

        var cep = BrazilianDocuments.Digits(address.PostalCode);
        if (cep.Length != 8)
        {
            problems.Add($"CEP de entrega inválido: '{address.PostalCode}'");
            return null;
        }

        if (string.IsNullOrWhiteSpace(address.Street) || string.IsNullOrWhiteSpace(address.City) || string.IsNullOrWhiteSpace(address.State))
        {
            problems.Add("endereço de entrega incompleto (rua, cidade ou UF)");
            return null;
        }

        return new HubShipping(address.ReceiverName, cep, address.Street, address.Number, address.Complement, address.Neighborhood, address.City, address.State);
    }

    private static List<HubOrderLine> CheckItems(IReadOnlyList<VtexOrderItem>? items, Func<int, bool>? isKnownProduct, List<string> problems)
    {
        var lines = new List<HubOrderLine>();
        if (items is null || items.Count == 0)
        {
            problems.Add("pedido sem itens");
            return lines;
        }

        foreach (var item in items)
        {
            var label = string.IsNullOrWhiteSpace(item.Id) ? "(sem id)" : item.Id;
            if (string.IsNullOrWhiteSpace(item.Id))
            {
                problems.Add("item sem SKU (id)");
                continue;
            }

            if (item.Quantity is not > 0)
            {
                problems.Add($"SKU {label}: quantidade inválida ({item.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "ausente"})");
                continue;
            }

            var unit = item.SellingPrice ?? item.Price;
            if (unit is not >= 0)
            {
                problems.Add($"SKU {label}: preço ausente ou negativo");
                continue;
            }

            if (!int.TryParse(item.RefId, NumberStyles.None, CultureInfo.InvariantCulture, out var productCode) || productCode <= 0)
            {
                problems.Add($"SKU {label} desconhecido no ERP: sem código de produto (RefId '{item.RefId}')");
                continue;
            }

            if (isKnownProduct is not null && !isKnownProduct(productCode))
            {
                problems.Add($"SKU {label} desconhecido: produto {productCode} não está no hub");
                continue;
            }

            lines.Add(new HubOrderLine(item.Id, productCode, item.Name, item.Quantity.Value, unit.Value));
        }

        return lines;
    }

    private static (long Items, long Shipping, long Discounts) CheckTotals(VtexOrder order, List<HubOrderLine> lines, List<string> problems)
    {
        if (order.Value is not > 0)
        {
            problems.Add($"valor total do pedido inválido ({order.Value?.ToString(CultureInfo.InvariantCulture) ?? "ausente"})");
            return (0, 0, 0);
        }

        long Total(string id) => order.Totals?.Where(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase)).Sum(t => t.Value ?? 0) ?? 0;
        var items = Total("Items");
        var shipping = Total("Shipping");
        var discounts = Total("Discounts");
        var tax = Total("Tax");
        if (order.Totals is null || order.Totals.Count == 0)
        {
            problems.Add("pedido sem totais (totals)");
            return (0, 0, 0);
        }

        if (problems.Count == 0)
        {
            var linesCents = lines.Sum(l => l.UnitPriceCents * l.Quantity);
            if (linesCents != items + discounts)
            {
                problems.Add($"os itens somam {Money(linesCents)} mas o total de itens com descontos é {Money(items + discounts)}");
            }
        }

        if (items + shipping + discounts + tax != order.Value)
        {
            problems.Add($"os totais não fecham: itens {Money(items)} + frete {Money(shipping)} + descontos {Money(discounts)} + taxas {Money(tax)} ≠ valor {Money(order.Value.Value)}");
        }

        return (items, shipping, discounts);
    }

    /// <summary>Cents as "R$ 1.234,56".</summary>
    public static string Money(long cents) => (cents / 100m).ToString("C", CultureInfo.GetCultureInfo("pt-BR"));
}
