using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Orders;

namespace IpaasMonitor.Sandbox.Tests.Erp;

public sealed class ErpOrdersTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private TestSandbox sandbox = null!;
    private HttpClient erp = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestSandbox.StartAsync(o => o.Orders = new SandboxOrderOptions { Interval = TimeSpan.Zero, ErpAutoProcess = true });
        erp = await sandbox.ErpAsync(Tenant);
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private OrdersBook Book => sandbox.State.Orders.Erp(Tenant);

    [Fact]
    public async Task Customers_SearchByCpf_CreateWithoutCodeTwiceMakesADuplicate_UpdateWithCodeDoesNot()
    {
        var cpf = Documents.Cpf(new Random(3));
        (await SearchAsync("api/totvsmoda/person/v2/individuals/search", $$"""{"filter":{"cpfList":["{{cpf}}"]},"page":1,"pageSize":10}""")).GetProperty("items").GetArrayLength().Should().Be(0);

        var created = await PostOkAsync("api/totvsmoda/person/v2/individual-customers", $$"""{"cpf":"{{cpf}}","name":"Ana Silva"}""");
        var code = created.GetProperty("customerCode").GetInt32();
        var found = await SearchAsync("api/totvsmoda/person/v2/individuals/search", $$"""{"filter":{"cpfList":["{{cpf}}"]},"page":1,"pageSize":10}""");
        found.GetProperty("items")[0].GetProperty("code").GetInt32().Should().Be(code);

        await PostOkAsync("api/totvsmoda/person/v2/individual-customers", $$"""{"code":{{code}},"cpf":"{{cpf}}","name":"Ana Silva Souza"}""");
        sandbox.State.Inspect().Orders!.Erp[Tenant].DuplicateCustomers.Should().Be(0);
        await PostOkAsync("api/totvsmoda/person/v2/individual-customers", $$"""{"cpf":"{{cpf}}","name":"Ana Silva"}""");
        sandbox.State.Inspect().Orders!.Erp[Tenant].DuplicateCustomers.Should().Be(1, "a create without the code for a known CPF makes a second customer");

        var invalid = await erp.PostAsync("api/totvsmoda/person/v2/individual-customers", TestSandbox.Json("""{"cpf":"12345678900","name":"X"}"""));
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var legal = await PostOkAsync("api/totvsmoda/person/v2/legal-customers", $$"""{"cnpj":"{{Documents.Cnpj(new Random(4))}}","name":"Loja Exemplo Ltda"}""");
        legal.GetProperty("code").GetInt32().Should().BePositive();
    }

    [Fact]
    public async Task B2cOrder_SameOrderIdTwice_ReturnsTheExistingOrder_AndBadBodiesAre400()
    {
        var customer = await CustomerAsync();
        var body = OrderBody("1000000000001-01", customer, 2, (10_001, 2, 49.90m), (10_002, 1, 59.90m), freight: 10m);

        var first = await PostOkAsync("api/totvsmoda/sales-order/v2/b2c-orders", body);
        var second = await PostOkAsync("api/totvsmoda/sales-order/v2/b2c-orders", body);

        second.GetProperty("orderCode").GetInt32().Should().Be(first.GetProperty("orderCode").GetInt32());
        Book.Orders.Should().ContainSingle();
        sandbox.State.Inspect().Orders!.Erp[Tenant].OrderRepeats.Should().Be(1);

        (await erp.PostAsync("api/totvsmoda/sales-order/v2/b2c-orders", TestSandbox.Json(OrderBody("X-2", customer, 1, (55, 1, 10m)))))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "product 55 does not exist");
        var wrongTotal = OrderBody("X-3", customer, 1, (10_001, 1, 10m)).Replace("\"totalAmountOrder\":10", "\"totalAmountOrder\":11", StringComparison.Ordinal);
        (await erp.PostAsync("api/totvsmoda/sales-order/v2/b2c-orders", TestSandbox.Json(wrongTotal))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Order_IsInvoicedOrCanceledAfterTheDelay_WithAValidNfeKey_AndSearchesShowIt()
    {
        var customer = await CustomerAsync();
        var created = new List<(string OrderId, int Code)>();
        for (var i = 1; i <= 30; i++)
        {
            var id = $"10000000000{i:00}-01";
            var response = await PostOkAsync("api/totvsmoda/sales-order/v2/b2c-orders", OrderBody(id, customer, i % 2 + 1, (10_001, 2, 49.90m), (10_003, 1, 19.90m), freight: 5m));
            created.Add((id, response.GetProperty("orderCode").GetInt32()));
        }

        Book.Invoices.Should().BeEmpty("nothing happens before the delay");
        sandbox.Time.Advance(TimeSpan.FromMinutes(3));

        var orders = Book.Orders;
        orders.Should().OnlyContain(o => o.Status == "Attended" || o.Status == "Canceled" || o.Status == "PartiallyAnswered");
        orders.Should().Contain(o => o.Status == "Attended").And.Contain(o => o.Status == "Canceled");
        Book.Invoices.GroupBy(i => i.OrderId).Should().Contain(g => g.Count() == 2, "some orders are invoiced in two parts");
        foreach (var order in orders.Where(o => o.Status == "Attended"))
        {
            Book.Invoices.Where(i => i.OrderId == order.OrderId).Sum(i => i.TotalValue).Should().Be(order.TotalAmountOrder);
        }

        var search = await SearchAsync("api/totvsmoda/fiscal/v2/invoices/search", """{"filter":{"branchCodeList":[2,1]},"expand":"items,salesOrder","page":1,"pageSize":100}""");
        var invoices = search.GetProperty("items").EnumerateArray().ToList();
        invoices.Should().HaveCount(Book.Invoices.Count);
        invoices.Should().AllSatisfy(i =>
        {
            var key = i.GetProperty("eletronic").GetProperty("accessKey").GetString()!;
            key.Should().HaveLength(44).And.MatchRegex("^[0-9]{44}$");
            (key[43] - '0').Should().Be(Documents.NfeCheckDigit(key[..43]));
            key.Substring(25, 9).Should().Be(i.GetProperty("invoiceCode").GetInt32().ToString("000000000", System.Globalization.CultureInfo.InvariantCulture));
            i.GetProperty("salesOrder")[0].GetProperty("orderId").GetString().Should().NotBeNullOrEmpty();
        });

        var canceled = await SearchAsync("api/totvsmoda/sales-order/v2/orders/search", """{"filter":{"branchCodeList":[1,2],"statusOrderList":["Canceled"]},"page":1,"pageSize":100}""");
        canceled.GetProperty("items").GetArrayLength().Should().Be(orders.Count(o => o.Status == "Canceled"));
    }

    [Fact]
    public async Task ExplicitInvoicing_PartialThenRest_PutsTheFreightOnTheLastInvoice()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.Orders = new SandboxOrderOptions { Interval = TimeSpan.Zero, ErpAutoProcess = false });
        var erp = await sandbox.ErpAsync(Tenant);
        var customer = (await (await erp.PostAsync("api/totvsmoda/person/v2/individual-customers", TestSandbox.Json($$"""{"cpf":"{{Documents.Cpf(new Random(9))}}","name":"B"}""")))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerCode").GetInt32();
        var created = await erp.PostAsync("api/totvsmoda/sales-order/v2/b2c-orders", TestSandbox.Json(OrderBody("2000000000001-01", customer, 1, (10_001, 2, 49.90m), freight: 10m)));
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderCode").GetInt32();
        var book = sandbox.State.Orders.Erp(Tenant);

        var first = book.Invoice(code, [(10_001, 1)]);
        var pending = await erp.GetFromJsonAsync<JsonElement>($"api/totvsmoda/sales-order/v2/pending-items?BranchCode=1&OrderCode={code}");
        var rest = book.Invoice(code);

        pending.GetProperty("statusOrder").GetString().Should().Be("PartiallyAnswered");
        pending.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("productCode").GetInt32(), i.GetProperty("pendingQuantity").GetInt32()))
            .Should().Equal([(10_001, 1)], "one of the two units is invoiced; the other is pending");
        first.TotalValue.Should().Be(49.90m);
        rest.TotalValue.Should().Be(59.90m);
        book.FindOrder("2000000000001-01")!.Status.Should().Be("Attended");
        var act = () => book.CancelOrder(code);
        act.Should().Throw<InvalidOperationException>();
    }

    private async Task<int> CustomerAsync() =>
        (await PostOkAsync("api/totvsmoda/person/v2/individual-customers", $$"""{"cpf":"{{Documents.Cpf(new Random(7))}}","name":"Cliente Teste"}""")).GetProperty("customerCode").GetInt32();

    private static string OrderBody(string orderId, int customer, int branch, (int Code, int Quantity, decimal Price) item, decimal freight = 0m) =>
        OrderBody(orderId, customer, branch, [item], freight);

    private static string OrderBody(string orderId, int customer, int branch, (int Code, int Quantity, decimal Price) a, (int Code, int Quantity, decimal Price) b, decimal freight = 0m) =>
        OrderBody(orderId, customer, branch, [a, b], freight);

    private static string OrderBody(string orderId, int customer, int branch, (int Code, int Quantity, decimal Price)[] items, decimal freight) =>
        JsonSerializer.Serialize(new
        {
            orderId,
            branchCode = branch,
            customerOrderCode = orderId,
            customerCode = customer,
            freightValue = freight,
            totalAmountOrder = items.Sum(i => i.Price * i.Quantity) + freight,
            items = items.Select(i => new { productCode = i.Code, quantity = i.Quantity, price = i.Price }),
        });

    private async Task<JsonElement> SearchAsync(string path, string body)
    {
        var response = await erp.PostAsync(path, TestSandbox.Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> PostOkAsync(string path, string body)
    {
        var response = await erp.PostAsync(path, TestSandbox.Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
