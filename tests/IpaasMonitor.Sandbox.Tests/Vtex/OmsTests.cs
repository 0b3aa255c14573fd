using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpaasMonitor.Sandbox.Orders;
using IpaasMonitor.Sandbox.Vtex;

namespace IpaasMonitor.Sandbox.Tests.Vtex;

public sealed class OmsTests : IAsyncLifetime
{
    private const string Account = "loja-a";
    private const string FeedConfig = """{"filter":{"type":"FromWorkflow","status":["ready-for-handling","invoiced","canceled"]},"queue":{"visibilityTimeoutInSeconds":240,"MessageRetentionPeriodInSeconds":345600}}""";
    private TestSandbox sandbox = null!;
    private HttpClient vtex = null!;

    public async Task InitializeAsync()
    {
        sandbox = await TestSandbox.StartAsync(o => o.Orders = new SandboxOrderOptions { Interval = TimeSpan.Zero, DuplicateEventRate = 0 });
        vtex = sandbox.Vtex(Account);
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private OmsStore Oms => sandbox.State.Orders.Oms(Account);

    [Fact]
    public async Task Orders_ArriveAtTheConfiguredRate_WithRealisticBodies()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.Orders = new SandboxOrderOptions { Interval = TimeSpan.FromSeconds(25), FirstOrderDelay = TimeSpan.FromSeconds(30), BadOrderRate = 0 });
        sandbox.Time.Advance(TimeSpan.FromSeconds(29));
        sandbox.State.Orders.Oms(Account).Orders.Should().BeEmpty("nothing arrives during the first-order delay");

        sandbox.Time.Advance(TimeSpan.FromSeconds(1 + 75));

        var orders = sandbox.State.Orders.Oms(Account).Orders;
        orders.Should().HaveCount(4);
        orders.Select(o => o.OrderId).Should().OnlyHaveUniqueItems().And.AllSatisfy(id => id.Should().MatchRegex(@"^\d{13}-01$"));
        var json = await sandbox.Vtex(Account).GetFromJsonAsync<JsonElement>($"api/oms/pvt/orders/{orders[0].OrderId}");
        json.GetProperty("status").GetString().Should().Be("ready-for-handling");
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.Should().NotBeEmpty();
        var itemsTotal = items.Sum(i => i.GetProperty("sellingPrice").GetInt64() * i.GetProperty("quantity").GetInt32());
        var totals = json.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("value").GetInt64());
        totals["Items"].Should().Be(itemsTotal);
        json.GetProperty("value").GetInt64().Should().Be(totals["Items"] + totals["Shipping"] + totals["Discounts"]);
        var profile = json.GetProperty("clientProfileData");
        Documents.IsValidCpf(profile.GetProperty("document").GetString()).Should().BeTrue();
        json.GetProperty("shippingData").GetProperty("address").GetProperty("postalCode").GetString().Should().HaveLength(8);
        json.GetProperty("shippingData").GetProperty("logisticsInfo")[0].GetProperty("deliveryIds")[0].GetProperty("warehouseId").GetString().Should().NotBeNullOrEmpty();
        json.GetProperty("paymentData").GetProperty("transactions")[0].GetProperty("payments")[0].GetProperty("value").GetInt64().Should().Be(json.GetProperty("value").GetInt64());

        // Same seed, same orders: arrival is computed from the clock, not from how often the sandbox is read.
        await using var again = await TestSandbox.StartAsync(o => o.Orders = new SandboxOrderOptions { Interval = TimeSpan.FromSeconds(25), FirstOrderDelay = TimeSpan.FromSeconds(30), BadOrderRate = 0 });
        again.Time.Advance(TimeSpan.FromSeconds(105));
        again.State.Orders.Oms(Account).Orders.Select(o => (o.OrderId, o.ValueCents)).Should().Equal(orders.Select(o => (o.OrderId, o.ValueCents)));
    }

    [Fact]
    public async Task Feed_Is404WithoutConfig_ThenDeliversEvents_HidesThemUntilTheVisibilityTimeout_AndCommitRemovesThem()
    {
        (await vtex.GetAsync("api/orders/feed?maxlot=10")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await vtex.PostAsync("api/orders/feed/config", TestSandbox.Json(FeedConfig))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await vtex.GetFromJsonAsync<JsonElement>("api/orders/feed/config")).GetProperty("filter").GetProperty("type").GetString().Should().Be("FromWorkflow");
        var order = Oms.PlaceOrder();

        var first = await vtex.GetFromJsonAsync<JsonElement[]>("api/orders/feed?maxlot=10");
        first.Should().ContainSingle();
        first![0].GetProperty("orderId").GetString().Should().Be(order.OrderId);
        first[0].GetProperty("state").GetString().Should().Be("ready-for-handling");
        (await vtex.GetFromJsonAsync<JsonElement[]>("api/orders/feed?maxlot=10")).Should().BeEmpty("a read event is invisible until its visibility timeout");

        sandbox.Time.Advance(TimeSpan.FromSeconds(241));
        var again = await vtex.GetFromJsonAsync<JsonElement[]>("api/orders/feed?maxlot=10");
        again.Should().ContainSingle("an uncommitted event comes back");
        again![0].GetProperty("handle").GetString().Should().NotBe(first[0].GetProperty("handle").GetString());

        var commit = await vtex.PostAsync("api/orders/feed", TestSandbox.Json($$"""{"handles":["{{again[0].GetProperty("handle").GetString()}}"]}"""));
        commit.StatusCode.Should().Be(HttpStatusCode.OK);
        sandbox.Time.Advance(TimeSpan.FromSeconds(241));
        (await vtex.GetFromJsonAsync<JsonElement[]>("api/orders/feed?maxlot=10")).Should().BeEmpty();

        Oms.RedeliverLastEvent(order.OrderId);
        (await vtex.GetFromJsonAsync<JsonElement[]>("api/orders/feed?maxlot=10")).Should().ContainSingle(e => e.GetProperty("orderId").GetString() == order.OrderId);
        sandbox.State.Inspect().Orders!.Vtex[Account].DuplicateEventsQueued.Should().Be(1);
    }

    [Fact]
    public async Task FeedConfig_RefusesMixedFilterTypes_AndShortRetention()
    {
        var mixed = await vtex.PostAsync("api/orders/feed/config", TestSandbox.Json("""{"filter":{"type":"FromWorkflow","status":["invoiced"],"expression":"value > 1"},"queue":{"visibilityTimeoutInSeconds":240,"MessageRetentionPeriodInSeconds":345600}}"""));
        mixed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var retention = await vtex.PostAsync("api/orders/feed/config", TestSandbox.Json("""{"filter":{"type":"FromWorkflow","status":["invoiced"]},"queue":{"visibilityTimeoutInSeconds":240,"MessageRetentionPeriodInSeconds":60}}"""));
        retention.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StartHandling_Is204ThenConflict()
    {
        var order = Oms.PlaceOrder();

        (await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/start-handling", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var second = await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/start-handling", null);

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).Should().Contain("OMS003");
        Oms.Find(order.OrderId)!.Status.Should().Be("handling");
    }

    [Fact]
    public async Task PartialInvoice_KeepsTheOrderHandling_BlocksCancel_AndTheRestMakesItInvoiced()
    {
        var order = Oms.PlaceOrder(new OmsOrderRequest { Items = [(10_001, 2), (10_002, 1)], ShippingCents = 1_000 });
        await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/start-handling", null);
        var first = order.Items[0];
        var firstValue = first.PriceCents * 2;

        var partial = await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/invoice", TestSandbox.Json(Invoice("20001", firstValue, (first.SkuId, first.PriceCents, 2))));
        partial.StatusCode.Should().Be(HttpStatusCode.OK, await partial.Content.ReadAsStringAsync());
        Oms.Find(order.OrderId)!.Status.Should().Be("handling");
        (await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/cancel", TestSandbox.Json("""{"reason":"teste"}"""))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var resend = await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/invoice", TestSandbox.Json(Invoice("20001", firstValue, (first.SkuId, first.PriceCents, 2))));
        resend.StatusCode.Should().Be(HttpStatusCode.OK, "the same invoice number only gets a new receipt");
        Oms.Find(order.OrderId)!.Invoices.Should().ContainSingle();

        var overflow = await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/invoice", TestSandbox.Json(Invoice("20009", firstValue, (first.SkuId, first.PriceCents, 2))));
        overflow.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the same goods cannot be invoiced twice");

        var second = order.Items[1];
        var rest = await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/invoice", TestSandbox.Json(Invoice("20002", second.PriceCents + 1_000, (second.SkuId, second.PriceCents, 1))));
        rest.StatusCode.Should().Be(HttpStatusCode.OK, await rest.Content.ReadAsStringAsync());
        var final = Oms.Find(order.OrderId)!;
        final.Status.Should().Be("invoiced");
        final.Invoices.Sum(i => i.ValueCents).Should().Be(final.ValueCents);
        var inspection = sandbox.State.Inspect().Orders!.Vtex[Account];
        inspection.InvoiceResends.Should().Be(1);
        inspection.DuplicateInvoices.Should().Be(1);
    }

    [Fact]
    public async Task Cancel_CancelsOnce_AndCountsARepeatAsDuplicate()
    {
        var order = Oms.PlaceOrder();

        var cancel = await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/cancel", TestSandbox.Json("""{"reason":"Sem estoque"}"""));
        cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString().Should().NotBeNullOrEmpty();
        Oms.Find(order.OrderId)!.Status.Should().Be("canceled");
        sandbox.State.Inspect().Orders!.TotalDuplicates.Should().Be(0);

        (await vtex.PostAsync($"api/oms/pvt/orders/{order.OrderId}/cancel", TestSandbox.Json("""{"reason":"Sem estoque"}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        sandbox.State.Inspect().Orders!.Vtex[Account].DuplicateCancellations.Should().Be(1);
    }

    [Theory]
    [InlineData(OmsOrderDefect.MissingDocument)]
    [InlineData(OmsOrderDefect.InvalidDocument)]
    [InlineData(OmsOrderDefect.UnknownSku)]
    [InlineData(OmsOrderDefect.WrongTotals)]
    public async Task BadOrders_CarryTheirDefect(OmsOrderDefect defect)
    {
        var order = Oms.PlaceOrder(new OmsOrderRequest { Defect = defect, Corporate = false });
        var json = await vtex.GetFromJsonAsync<JsonElement>($"api/oms/pvt/orders/{order.OrderId}");
        var document = json.GetProperty("clientProfileData").GetProperty("document");
        var items = json.GetProperty("items").EnumerateArray().ToList();
        var total = items.Sum(i => i.GetProperty("sellingPrice").GetInt64() * i.GetProperty("quantity").GetInt32()) + order.ShippingCents;
        switch (defect)
        {
            case OmsOrderDefect.MissingDocument:
                document.ValueKind.Should().Be(JsonValueKind.Null);
                break;
            case OmsOrderDefect.InvalidDocument:
                Documents.IsValidCpf(document.GetString()).Should().BeFalse();
                break;
            case OmsOrderDefect.UnknownSku:
                items.Should().Contain(i => i.GetProperty("refId").ValueKind == JsonValueKind.Null);
                break;
            case OmsOrderDefect.WrongTotals:
                json.GetProperty("value").GetInt64().Should().NotBe(total);
                break;
        }
    }

    private static string Invoice(string number, long value, params (string Id, long Price, int Quantity)[] items) =>
        JsonSerializer.Serialize(new
        {
            type = "Output",
            invoiceNumber = number,
            invoiceValue = value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            issuanceDate = "2026-03-10T12:00:00-03:00",
            invoiceKey = (string?)null,
            items = items.Select(i => new { id = i.Id, price = i.Price, quantity = i.Quantity }),
        });
}
