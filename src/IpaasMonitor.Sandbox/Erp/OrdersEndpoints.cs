using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Sandbox.Infrastructure;
using IpaasMonitor.Sandbox.Orders;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>
/// TOTVS Moda order routes under <c>erp/{tenant}/</c> (totvs-side.md §2.5–2.7): customers (person/v2), sales orders
/// (sales-order/v2) and invoices (fiscal/v2). Field names follow the documented ones; where TOTVS is silent the
/// choices are noted on each handler.
/// </summary>
internal static class OrdersEndpoints
{
    private const string Person = "api/totvsmoda/person/v2/";
    private const string Sales = "api/totvsmoda/sales-order/v2/";
    private const string Fiscal = "api/totvsmoda/fiscal/v2/";

    public static void Map(RouteGroupBuilder erp)
    {
        var g = SandboxGroup.Erp;
        erp.MapSandbox(g, "POST", "individuals/search", Person + "individuals/search", (HttpContext h, SandboxState s, string tenant) => SearchCustomers(h, s, tenant, legal: false));
        erp.MapSandbox(g, "POST", "legal-entities/search", Person + "legal-entities/search", (HttpContext h, SandboxState s, string tenant) => SearchCustomers(h, s, tenant, legal: true));
        erp.MapSandbox(g, "POST", "individual-customers", Person + "individual-customers", (HttpContext h, SandboxState s, string tenant) => UpsertCustomer(h, s, tenant, legal: false));
        erp.MapSandbox(g, "POST", "legal-customers", Person + "legal-customers", (HttpContext h, SandboxState s, string tenant) => UpsertCustomer(h, s, tenant, legal: true));
        erp.MapSandbox(g, "POST", "b2c-orders", Sales + "b2c-orders", CreateOrder);
        erp.MapSandbox(g, "POST", "orders/search", Sales + "orders/search", SearchOrders);
        erp.MapSandbox(g, "GET", "pending-items", Sales + "pending-items", PendingItems);
        erp.MapSandbox(g, "POST", "orders/cancel", Sales + "orders/cancel", CancelOrder);
        erp.MapSandbox(g, "POST", "invoices/search", Fiscal + "invoices/search", SearchInvoices);
    }

    // ---- person/v2 ----

    private static IResult SearchCustomers(HttpContext http, SandboxState state, string tenant, bool legal)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!ErpSearchRequest.TryParse(SandboxRequestFilter.Body(http), 50, out var search, out var problem))
        {
            return t.Error(StatusCodes.Status400BadRequest, problem!);
        }

        var documents = search.FilterStrings(legal ? "cnpjList" : "cpfList")?.Select(Digits).ToHashSet(StringComparer.Ordinal);
        var codes = search.FilterInts("personCodeList");
        var found = state.Orders.Erp(tenant).FindCustomers(legal, documents, codes, search);
        return ErpResults.Ok(search.ToPage(found, c => legal
            ? (object)new { code = c.Code, cnpj = c.Document, name = c.Name, fantasyName = c.Name, isCustomer = true, maxChangeFilterDate = ErpDates.Format(c.ChangedAt) }
            : new { code = c.Code, cpf = c.Document, name = c.Name, isCustomer = true, maxChangeFilterDate = ErpDates.Format(c.ChangedAt) }));
    }

    /// <summary>
    /// Create or update. A body with <c>code</c> (or <c>customerCode</c>) of an existing customer updates it; without
    /// one a new customer is created, even when the document is already registered (the client must search first).
    /// Individuals answer with <c>customerCode</c>, companies with <c>code</c>: TOTVS clients see both (§2.5).
    /// </summary>
    private static IResult UpsertCustomer(HttpContext http, SandboxState state, string tenant, bool legal)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!TryBody(t, http, out var body, out var bad))
        {
            return bad;
        }

        var document = Digits(ErpSearchRequest.String(body, legal ? "cnpj" : "cpf") ?? "");
        var name = ErpSearchRequest.String(body, "name");
        var valid = legal ? Documents.IsValidCnpj(document) : Documents.IsValidCpf(document);
        if (!valid)
        {
            return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("InvalidDocument", legal ? "CNPJ inválido." : "CPF inválido.", document));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("RequiredField", "O nome é obrigatório."));
        }

        int? code = int.TryParse(ErpSearchRequest.String(body, "code") ?? ErpSearchRequest.String(body, "customerCode"), out var c) ? c : null;
        var email = FirstOf(body, "emails", "email");
        var phone = FirstOf(body, "phones", "number");
        var postal = FirstOf(body, "addresses", "cep");
        var (customer, _) = state.Orders.Erp(tenant).UpsertCustomer(code, legal, document, name.Trim(), email, phone, postal);
        return legal
            ? ErpResults.Ok(new { code = customer.Code, cnpj = customer.Document, name = customer.Name })
            : ErpResults.Ok(new { customerCode = customer.Code, cpf = customer.Document, name = customer.Name });
    }

    // ---- sales-order/v2 ----

    /// <summary>
    /// Creates a B2C order. Exactly one of <c>customerCode</c> and <c>customerCpfCnpj</c>; product codes must exist;
    /// <c>totalAmountOrder</c> must equal items + freight. The same <c>orderId</c> again returns the existing order.
    /// </summary>
    private static IResult CreateOrder(HttpContext http, SandboxState state, string tenant)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!TryBody(t, http, out var body, out var bad))
        {
            return bad;
        }

        var book = state.Orders.Erp(tenant);
        IResult Problem(string code, string message, string? detail = null) => t.Error(StatusCodes.Status400BadRequest, new ErpProblem(code, message, detail));

        var orderId = ErpSearchRequest.String(body, "orderId");
        if (string.IsNullOrWhiteSpace(orderId))
        {
            return Problem("RequiredField", "orderId é obrigatório.");
        }

        if (!int.TryParse(ErpSearchRequest.String(body, "branchCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var branch) || branch < 1)
        {
            return Problem("RequiredField", "branchCode é obrigatório.");
        }

        var customerCodeText = ErpSearchRequest.String(body, "customerCode");
        var customerDocument = ErpSearchRequest.String(body, "customerCpfCnpj");
        if ((customerCodeText is null) == (customerDocument is null))
        {
            return Problem("InvalidParameter", "Informe customerCode ou customerCpfCnpj (exatamente um).");
        }

        int customerCode;
        if (customerCodeText is not null)
        {
            if (!int.TryParse(customerCodeText, NumberStyles.None, CultureInfo.InvariantCulture, out customerCode) || !book.CustomerExists(customerCode))
            {
                return Problem("NotFound", $"Cliente {customerCodeText} não encontrado.");
            }
        }
        else if (book.CustomerByDocument(Digits(customerDocument!)) is { } byDocument)
        {
            customerCode = byDocument;
        }
        else
        {
            return Problem("NotFound", $"Cliente com CPF/CNPJ {customerDocument} não encontrado.");
        }

        var itemsElement = ErpSearchRequest.Property(body, "items");
        if (itemsElement.ValueKind != JsonValueKind.Array || itemsElement.GetArrayLength() == 0)
        {
            return Problem("RequiredField", "items é obrigatório.");
        }

        var items = new List<ErpOrderItem>();
        foreach (var item in itemsElement.EnumerateArray())
        {
            if (!int.TryParse(ErpSearchRequest.String(item, "productCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var product)
                || !OrderSkus.IsKnownProductCode(product))
            {
                return Problem("NotFound", $"Produto {ErpSearchRequest.String(item, "productCode") ?? "(vazio)"} não encontrado.");
            }

            if (!int.TryParse(ErpSearchRequest.String(item, "quantity"), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
            {
                return Problem("InvalidParameter", $"Quantidade inválida para o produto {product}.");
            }

            if (!decimal.TryParse(ErpSearchRequest.String(item, "price"), NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price < 0)
            {
                return Problem("InvalidParameter", $"Preço inválido para o produto {product}.");
            }

            items.Add(new ErpOrderItem(product, quantity, price));
        }

        _ = decimal.TryParse(ErpSearchRequest.String(body, "freightValue"), NumberStyles.Number, CultureInfo.InvariantCulture, out var freight);
        if (!decimal.TryParse(ErpSearchRequest.String(body, "totalAmountOrder"), NumberStyles.Number, CultureInfo.InvariantCulture, out var total))
        {
            return Problem("RequiredField", "totalAmountOrder é obrigatório.");
        }

        var expected = items.Sum(i => i.Price * i.Quantity) + freight;
        if (Math.Abs(expected - total) > 0.005m)
        {
            return Problem("InvalidTotal", $"totalAmountOrder {OrdersBook.Money(total)} difere da soma dos itens e frete ({OrdersBook.Money(expected)}).");
        }

        if (!ErpDates.TryParse(ErpSearchRequest.String(body, "orderDate"), out var orderDate))
        {
            orderDate = state.Time.GetUtcNow();
        }

        var (order, _) = book.CreateOrder(new ErpSalesOrder(
            0,
            branch,
            orderId.Trim(),
            ErpSearchRequest.String(body, "customerOrderCode"),
            ErpSearchRequest.String(body, "integrationCode"),
            customerCode,
            orderDate,
            items,
            freight,
            total,
            "InProgress",
            false,
            default,
            default));
        return ErpResults.Ok(new
        {
            branchCode = order.BranchCode,
            orderCode = order.OrderCode,
            orderId = order.OrderId,
            customerOrderCode = order.CustomerOrderCode,
            statusOrder = order.Status,
        });
    }

    /// <summary><c>filter.branchCodeList</c> is required; also <c>orderCodeList</c>, <c>orderIdList</c>, <c>statusOrderList</c>, <c>change</c>. Expand: items, invoices.</summary>
    private static IResult SearchOrders(HttpContext http, SandboxState state, string tenant)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!ErpSearchRequest.TryParse(SandboxRequestFilter.Body(http), 500, out var search, out var problem))
        {
            return t.Error(StatusCodes.Status400BadRequest, problem!);
        }

        var branches = search.FilterInts("branchCodeList");
        if (branches is null)
        {
            return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("RequiredField", "filter.branchCodeList é obrigatório."));
        }

        var expand = Expand(search);
        var book = state.Orders.Erp(tenant);
        var found = book.SearchOrders(branches, search.FilterInts("orderCodeList"), search.FilterStrings("orderIdList"), search.FilterStrings("statusOrderList"), search);
        return ErpResults.Ok(search.ToPage(found, o => new
        {
            branchCode = o.BranchCode,
            orderCode = o.OrderCode,
            orderId = o.OrderId,
            customerOrderCode = o.CustomerOrderCode,
            integrationCode = o.IntegrationCode,
            customerCode = o.CustomerCode,
            orderDate = ErpDates.Format(o.OrderDate),
            statusOrder = o.Status,
            totalAmountOrder = o.TotalAmountOrder,
            freightValue = o.FreightValue,
            maxChangeFilterDate = ErpDates.Format(o.ChangedAt),
            items = expand.Contains("items") ? o.Items.Select(ItemJson) : null,
            invoices = expand.Contains("invoices")
                ? book.InvoicesOf(o.OrderCode).Select(i => new
                {
                    code = i.InvoiceCode,
                    serial = i.SerialCode.ToString(CultureInfo.InvariantCulture),
                    accessKey = i.AccessKey,
                    issueDate = ErpDates.Format(i.IssueDate),
                    status = i.Status,
                    totalValue = i.TotalValue,
                    electronic = new { accessKey = i.AccessKey, electronicInvoiceStatus = "Authorized" },
                })
                : null,
        }));
    }

    /// <summary><c>GET pending-items?BranchCode=&amp;OrderCode=</c> (or <c>OrderId</c>): the items not yet invoiced.</summary>
    private static IResult PendingItems(HttpContext http, SandboxState state, string tenant)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        var query = http.Request.Query;
        string Q(string name) => query.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString();
        var book = state.Orders.Erp(tenant);
        if (!int.TryParse(Q("BranchCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var branch))
        {
            return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("RequiredField", "BranchCode é obrigatório."));
        }

        ErpSalesOrder? order = null;
        if (int.TryParse(Q("OrderCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            order = book.Order(branch, code);
        }
        else if (Q("OrderId") is { Length: > 0 } orderId && book.FindOrder(orderId) is { } byId && byId.BranchCode == branch)
        {
            order = byId;
        }

        if (order is null)
        {
            return t.Error(StatusCodes.Status404NotFound, new ErpProblem("NotFound", "Pedido não encontrado."));
        }

        return ErpResults.Ok(new
        {
            branchCode = order.BranchCode,
            orderCode = order.OrderCode,
            orderId = order.OrderId,
            statusOrder = order.Status,
            items = order.Items.Where(i => i.PendingQuantity > 0).Select(ItemJson),
        });
    }

    /// <summary>Body <c>{branchCode, orderCode, reasonCancellationCode, reasonCancellationDescription}</c>; only orders with nothing invoiced.</summary>
    private static IResult CancelOrder(HttpContext http, SandboxState state, string tenant)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!TryBody(t, http, out var body, out var bad))
        {
            return bad;
        }

        if (!int.TryParse(ErpSearchRequest.String(body, "branchCode"), out var branch) || !int.TryParse(ErpSearchRequest.String(body, "orderCode"), out var code))
        {
            return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("RequiredField", "branchCode e orderCode são obrigatórios."));
        }

        var description = ErpSearchRequest.String(body, "reasonCancellationDescription");
        if (description is { Length: > 80 })
        {
            return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("InvalidParameter", "reasonCancellationDescription aceita até 80 caracteres."));
        }

        var (order, problem) = state.Orders.Erp(tenant).CancelByRequest(branch, code, description);
        return order is null
            ? t.Error(StatusCodes.Status400BadRequest, new ErpProblem("InvalidOperation", problem!))
            : ErpResults.Ok(new { branchCode = order.BranchCode, orderCode = order.OrderCode, statusOrder = order.Status });
    }

    // ---- fiscal/v2 ----

    /// <summary><c>filter.branchCodeList</c> required; <c>invoiceCodeList</c>, <c>change</c>. Expand: items, salesOrder (the electronic data always comes, as <c>eletronic</c>).</summary>
    private static IResult SearchInvoices(HttpContext http, SandboxState state, string tenant)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!ErpSearchRequest.TryParse(SandboxRequestFilter.Body(http), 100, out var search, out var problem))
        {
            return t.Error(StatusCodes.Status400BadRequest, problem!);
        }

        var branches = search.FilterInts("branchCodeList");
        if (branches is null)
        {
            return t.Error(StatusCodes.Status400BadRequest, new ErpProblem("RequiredField", "filter.branchCodeList é obrigatório."));
        }

        var expand = Expand(search);
        var found = state.Orders.Erp(tenant).SearchInvoices(branches, search.FilterInts("invoiceCodeList"), search);
        return ErpResults.Ok(search.ToPage(found, i => new
        {
            branchCode = i.BranchCode,
            invoiceSequence = i.InvoiceSequence,
            invoiceCode = i.InvoiceCode,
            serialCode = i.SerialCode.ToString(CultureInfo.InvariantCulture),
            invoiceDate = ErpDates.Format(i.IssueDate),
            issueDate = ErpDates.Format(i.IssueDate),
            operationType = "Output",
            invoiceStatus = i.Status,
            personCode = i.PersonCode,
            productValue = i.ProductValue,
            freightValue = i.FreightValue,
            totalValue = i.TotalValue,
            maxChangeFilterDate = ErpDates.Format(i.ChangedAt),
            eletronic = new { accessKey = i.AccessKey, electronicInvoiceStatus = "Authorized" },
            salesOrder = expand.Contains("salesOrder") ? new[] { new { branchCode = i.BranchCode, orderCode = i.OrderCode, orderId = i.OrderId } } : null,
            items = expand.Contains("items")
                ? i.Items.Select((item, index) => new { sequence = index + 1, productCode = item.ProductCode, quantity = item.Quantity, unitPrice = item.UnitPrice, netValue = item.UnitPrice * item.Quantity })
                : null,
        }));
    }

    private static object ItemJson(ErpOrderItem i) => new
    {
        productCode = i.ProductCode,
        quantity = i.Quantity,
        price = i.Price,
        settledQuantity = i.SettledQuantity,
        canceledQuantity = i.CanceledQuantity,
        pendingQuantity = i.PendingQuantity,
    };

    private static HashSet<string> Expand(ErpSearchRequest search) =>
        (search.Expand ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    private static string? FirstOf(JsonElement body, string list, string field)
    {
        var array = ErpSearchRequest.Property(body, list);
        return array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0 ? ErpSearchRequest.String(array[0], field) : null;
    }

    private static bool TryBody(ErpTenant t, HttpContext http, out JsonElement body, out IResult bad)
    {
        body = default;
        bad = Results.Empty;
        try
        {
            using var document = JsonDocument.Parse(SandboxRequestFilter.Body(http) is { Length: > 0 } text ? text : "null");
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                bad = t.Error(StatusCodes.Status400BadRequest, new ErpProblem("InvalidJson", "The request body must be a JSON object."));
                return false;
            }

            body = document.RootElement.Clone();
            return true;
        }
        catch (JsonException ex)
        {
            bad = t.Error(StatusCodes.Status400BadRequest, new ErpProblem("InvalidJson", "The request body is not valid JSON.", ex.Message));
            return false;
        }
    }
}
