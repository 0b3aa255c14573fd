using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IpaasMonitor.Sandbox.Tests.Infrastructure;

public sealed class InspectionTests : IAsyncLifetime
{
    private const string Brand = "api/catalog/pvt/brand";
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await TestSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Inspect_CountsRequestsPerRouteAndStatus()
    {
        var vtex = sandbox.Vtex();
        await vtex.PostAsync(Brand, TestSandbox.Json("""{"Id":12,"Name":"Lumare","Active":true}"""));
        await vtex.PostAsync(Brand, TestSandbox.Json("""{"Id":12,"Name":"Lumare","Active":true}"""));
        await vtex.GetAsync($"{Brand}/12");
        await vtex.GetAsync($"{Brand}/13");
        await sandbox.ErpAsync();

        var inspection = sandbox.State.Inspect();

        inspection.Count("vtex:POST brand", "loja-a").Should().Be(2);
        inspection.Count("vtex:POST brand", "loja-a", 200).Should().Be(1);
        inspection.Count("vtex:POST brand", "loja-a", 409).Should().Be(1);
        inspection.Count("vtex:GET /api/catalog/pvt/brand/{brandId}", "loja-a", 404).Should().Be(1);
        inspection.Count("erp:POST token", "tenant-a", 200).Should().Be(1);
        inspection.Vtex["loja-a"].Entities["brands"].Should().Be(1);
        inspection.Erp["tenant-a"].Entities["brands"].Should().Be(40);
        inspection.Erp["tenant-a"].ActiveTokens.Should().Be(1);
    }

    [Fact]
    public async Task Journal_RecordsVtexRequestsWithPathBodyAndStatus()
    {
        var vtex = sandbox.Vtex();
        await vtex.PostAsync(Brand, TestSandbox.Json("""{"Id":12,"Name":"Lumare","Active":true}"""));
        await vtex.GetAsync($"{Brand}/12?x=1");
        await sandbox.ErpAsync();

        var entries = sandbox.State.Journal.Snapshot();

        entries.Should().HaveCount(2, "only VTEX requests are journaled");
        entries[0].Should().BeEquivalentTo(new
        {
            Account = "loja-a",
            Api = "catalog",
            Method = "POST",
            Path = "/api/catalog/pvt/brand",
            RouteTemplate = "/api/catalog/pvt/brand",
            Body = """{"Id":12,"Name":"Lumare","Active":true}""",
            Status = 200,
        });
        entries[0].ContentType.Should().StartWith("application/json");
        entries[1].Path.Should().Be("/api/catalog/pvt/brand/12");
        entries[1].Query.Should().Be("?x=1");
        entries[1].QueryParameters.Should().Equal(new Dictionary<string, string> { ["x"] = "1" });
        entries[1].RouteTemplate.Should().Be("/api/catalog/pvt/brand/{brandId}");
        entries[1].Accept.Should().Be("application/json");
    }

    [Fact]
    public async Task Journal_IsBounded()
    {
        await using var small = await TestSandbox.StartAsync(o => o.JournalCapacity = 3);
        var vtex = small.Vtex();
        for (var i = 1; i <= 5; i++)
        {
            await vtex.GetAsync($"{Brand}/{i}");
        }

        small.State.Journal.Select(e => e.Path).Should().Equal("/api/catalog/pvt/brand/3", "/api/catalog/pvt/brand/4", "/api/catalog/pvt/brand/5");
    }

    [Fact]
    public async Task HttpInspect_AndReset_WorkOverHttp()
    {
        await sandbox.Vtex().GetAsync($"{Brand}/1");

        var before = await sandbox.Http.GetFromJsonAsync<JsonElement>("_sandbox/inspect");
        var reset = await sandbox.Http.PostAsync("_sandbox/reset", null);
        var after = await sandbox.Http.GetFromJsonAsync<JsonElement>("_sandbox/inspect");

        var route = before.GetProperty("requests").EnumerateArray().Single();
        route.GetProperty("key").GetString().Should().Be("vtex:GET brand");
        route.GetProperty("route").GetString().Should().Be("/api/catalog/pvt/brand/{brandId}");
        route.GetProperty("statuses").GetProperty("404").GetInt64().Should().Be(1);
        reset.StatusCode.Should().Be(HttpStatusCode.NoContent);
        after.GetProperty("requests").GetArrayLength().Should().Be(0);
        sandbox.State.Journal.Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownAccountOrTenant_Returns404()
    {
        using var client = new HttpClient { BaseAddress = sandbox.Host.BaseAddress };

        (await client.GetAsync("vtex/nope/api/catalog/pvt/brand/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync("erp/nope/api/totvsmoda/authorization/v2/token", TestSandbox.TokenForm("tenant-a"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Host_BaseAddress_IsLoopbackWithARealPort()
    {
        sandbox.Host.BaseAddress.Host.Should().Be("127.0.0.1");
        sandbox.Host.BaseAddress.Port.Should().BeGreaterThan(0);
        sandbox.Host.ErpBaseAddress("tenant-a").ToString().Should().EndWith("/erp/tenant-a/");
        (await sandbox.Http.GetAsync("_sandbox/inspect")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
