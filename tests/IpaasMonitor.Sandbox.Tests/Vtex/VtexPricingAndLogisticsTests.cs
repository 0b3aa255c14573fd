using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IpaasMonitor.Sandbox.Tests.Vtex;

public sealed class VtexPricingAndLogisticsTests : IAsyncLifetime
{
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await TestSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private HttpClient Pricing(TestSandbox sandbox)
    {
        var keys = SandboxOptions.DefaultVtexAccounts()[0];
        var client = new HttpClient { BaseAddress = sandbox.Host.VtexPricingBaseAddress("loja-a") };
        client.DefaultRequestHeaders.Add("X-VTEX-API-AppKey", keys.AppKey);
        client.DefaultRequestHeaders.Add("X-VTEX-API-AppToken", keys.AppToken);
        return client;
    }

    private static async Task SeedSkuAsync(HttpClient vtex, int skuId = 70)
    {
        async Task Ok(string path, string json) =>
            (await vtex.PostAsync(path, TestSandbox.Json(json))).StatusCode.Should().Be(HttpStatusCode.OK);
        if ((await vtex.GetAsync("api/catalog/pvt/product/42")).StatusCode != HttpStatusCode.OK)
        {
            await Ok("api/catalog/pvt/brand", """{"Id":10,"Name":"Lumare","Active":true}""");
            await Ok("api/catalog/pvt/category", """{"Id":1,"Name":"Feminino","IsActive":true}""");
            await Ok("api/catalog/pvt/product", """{"Id":42,"Name":"Vestido","CategoryId":1,"BrandId":10,"RefId":"REF-1"}""");
        }

        await Ok("api/catalog/pvt/stockkeepingunit", $$"""{"Id":{{skuId}},"ProductId":42,"Name":"Vestido {{skuId}}","RefId":"S-{{skuId}}","PackagedHeight":5,"PackagedLength":30,"PackagedWidth":20,"PackagedWeightKg":250}""");
    }

    [Fact]
    public async Task Put_ReplacesFixedPrices_WhilePostFixedMergesThem()
    {
        using var pricing = Pricing(sandbox);

        (await pricing.PostAsync("pricing/prices/70/fixed/2", TestSandbox.Json("""[{"value":94.9,"listPrice":129.9,"minQuantity":1}]"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await pricing.PostAsync("pricing/prices/70/fixed/3", TestSandbox.Json("""[{"value":89.9,"minQuantity":1}]"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        var withFixed = await pricing.GetFromJsonAsync<JsonElement>("pricing/prices/70");
        (await pricing.PutAsync("pricing/prices/70", TestSandbox.Json("""{"basePrice":99.9,"costPrice":45,"listPrice":129.9}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        var replaced = await pricing.GetFromJsonAsync<JsonElement>("pricing/prices/70");

        withFixed.GetProperty("fixedPrices").GetArrayLength().Should().Be(2);
        replaced.GetProperty("basePrice").GetDecimal().Should().Be(99.9m);
        replaced.GetProperty("markup").GetDecimal().Should().Be(122m);
        replaced.GetProperty("itemId").GetString().Should().Be("70");
        replaced.GetProperty("fixedPrices").GetArrayLength().Should().Be(0, "PUT without fixedPrices wipes them");
    }

    [Fact]
    public async Task Patch_MergesFixedPricesByTradePolicy()
    {
        using var pricing = Pricing(sandbox);
        await pricing.PutAsync("pricing/prices/70", TestSandbox.Json("""{"basePrice":99.9,"fixedPrices":[{"tradePolicyId":"2","value":90,"minQuantity":1}]}"""));

        var patch = new HttpRequestMessage(HttpMethod.Patch, "pricing/prices/70/fixed") { Content = TestSandbox.Json("""[{"tradePolicyId":"2","value":80,"minQuantity":1},{"tradePolicyId":"3","value":85,"minQuantity":1}]""") };
        (await pricing.SendAsync(patch)).StatusCode.Should().Be(HttpStatusCode.OK);
        var fixedPrices = await pricing.GetFromJsonAsync<JsonElement>("pricing/prices/70/fixed");

        fixedPrices.EnumerateArray().Select(f => (f.GetProperty("tradePolicyId").GetString(), f.GetProperty("value").GetDecimal()))
            .Should().Equal(("2", 80m), ("3", 85m));
    }

    [Theory]
    [InlineData("""{"basePrice":10,"costPrice":5,"markup":100}""")]
    [InlineData("""{"costPrice":5}""")]
    [InlineData("""{"basePrice":"abc"}""")]
    [InlineData("""{"basePrice":10,"fixedPrices":[{"value":5,"minQuantity":1}]}""")]
    public async Task Put_Returns400_ForInvalidBodies(string body)
    {
        using var pricing = Pricing(sandbox);

        (await pricing.PutAsync("pricing/prices/70", TestSandbox.Json(body))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_Returns404_WhenThereIsNoPrice()
    {
        using var pricing = Pricing(sandbox);

        (await pricing.GetAsync("pricing/prices/12345")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_AreRateLimitedPerAccount_With429AndRetryAfter()
    {
        await using var sandbox = await TestSandbox.StartAsync(o =>
        {
            o.PricingBurst = 3;
            o.PricingWritesPerSecond = 1;
        });
        using var pricing = Pricing(sandbox);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await pricing.PutAsync($"pricing/prices/{i + 1}", TestSandbox.Json("""{"basePrice":10}"""));
            statuses.Add(last.StatusCode);
        }

        var stored = sandbox.State.Vtex.Account("loja-a").Prices.Count;
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        var afterWait = await pricing.PutAsync("pricing/prices/9", TestSandbox.Json("""{"basePrice":10}"""));

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        last!.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        last.Headers.GetValues("Ratelimit-Limit").Single().Should().Be("3");
        stored.Should().Be(3, "the throttled write was not processed");
        afterWait.StatusCode.Should().Be(HttpStatusCode.OK);
        (await pricing.GetAsync("pricing/prices/1")).StatusCode.Should().Be(HttpStatusCode.OK, "reads are not limited");
    }

    [Fact]
    public async Task Pricing_IsJournaledWithThePricingPath()
    {
        using var pricing = Pricing(sandbox);

        await pricing.PutAsync("pricing/prices/70", TestSandbox.Json("""{"basePrice":10}"""));

        var entry = sandbox.State.Journal.Snapshot().Single();
        entry.Api.Should().Be("pricing");
        entry.Path.Should().Be("/pricing/prices/70");
        entry.RouteTemplate.Should().Be("/pricing/prices/{itemId}");
    }

    [Fact]
    public async Task Inventory_Put_SetsAbsoluteValues_AndGetListsThem()
    {
        var vtex = sandbox.Vtex();
        await SeedSkuAsync(vtex);

        var put = await vtex.PutAsync("api/logistics/pvt/inventory/skus/70/warehouses/1_1", TestSandbox.Json("""{"quantity":37,"unlimitedQuantity":false,"leadTime":"00:00:00","dateUtcOnBalanceSystem":null}"""));
        var reset = await vtex.PutAsync("api/logistics/pvt/inventory/skus/70/warehouses/filial_2", TestSandbox.Json("""{"leadTime":"1.00:00:00"}"""));
        var stock = await vtex.GetFromJsonAsync<JsonElement>("api/logistics/pvt/inventory/skus/70");

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.Content.ReadAsStringAsync()).Should().Be("true");
        reset.StatusCode.Should().Be(HttpStatusCode.OK);
        stock.GetProperty("skuId").GetString().Should().Be("70");
        stock.GetProperty("balance").EnumerateArray().Select(b => (b.GetProperty("warehouseId").GetString(), b.GetProperty("totalQuantity").GetInt32()))
            .Should().Equal(("1_1", 37), ("filial_2", 0));
    }

    [Fact]
    public async Task Inventory_Returns404_ForAnUnknownSkuOrAWarehouseWithTheWrongCase()
    {
        var vtex = sandbox.Vtex();
        await SeedSkuAsync(vtex);
        var body = """{"quantity":1,"unlimitedQuantity":false,"leadTime":"00:00:00"}""";

        (await vtex.PutAsync("api/logistics/pvt/inventory/skus/999/warehouses/1_1", TestSandbox.Json(body))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await vtex.PutAsync("api/logistics/pvt/inventory/skus/70/warehouses/FILIAL_2", TestSandbox.Json(body))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Inventory_Returns423_WhenTheSameSkuAndWarehouseAreUpdatedConcurrently()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.InventoryLockHold = TimeSpan.FromSeconds(3));
        var vtex = sandbox.Vtex();
        await SeedSkuAsync(vtex);
        var body = """{"quantity":5,"unlimitedQuantity":false,"leadTime":"00:00:00"}""";

        var sameKey = await Task.WhenAll(
            vtex.PutAsync("api/logistics/pvt/inventory/skus/70/warehouses/1_1", TestSandbox.Json(body)),
            vtex.PutAsync("api/logistics/pvt/inventory/skus/70/warehouses/1_1", TestSandbox.Json(body)));
        var otherWarehouses = await Task.WhenAll(
            vtex.PutAsync("api/logistics/pvt/inventory/skus/70/warehouses/1_1", TestSandbox.Json(body)),
            vtex.PutAsync("api/logistics/pvt/inventory/skus/70/warehouses/filial_2", TestSandbox.Json(body)));

        sameKey.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Locked]);
        (await sameKey.Single(r => r.StatusCode == HttpStatusCode.Locked).Content.ReadAsStringAsync()).Should().Contain("Unable to acquire lock");
        otherWarehouses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Warehouses_AreSeededPerAccount_AndCanBeCreated()
    {
        var vtex = sandbox.Vtex("loja-b");

        var before = await vtex.GetFromJsonAsync<JsonElement>("api/logistics/pvt/configuration/warehouses");
        var created = await vtex.PostAsync("api/logistics/pvt/configuration/warehouses", TestSandbox.Json(
            """{"id":"filial_9","name":"Filial 9","warehouseDocks":[{"dockId":"1_1_1","name":"Doca","time":"1.00:00:00","cost":0,"translateDays":false,"costToDisplay":0}],"isActive":true}"""));
        var fetched = await vtex.GetAsync("api/logistics/pvt/configuration/warehouses/filial_9");

        before.EnumerateArray().Select(w => w.GetProperty("id").GetString()).Should().Equal("1_1", "filial_3");
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        fetched.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
