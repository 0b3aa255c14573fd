using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpaasMonitor.Sandbox.Faults;

namespace IpaasMonitor.Sandbox.Tests.Faults;

public sealed class FaultInjectionTests : IAsyncLifetime
{
    private const string Brand = "api/catalog/pvt/brand";
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await TestSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private static StringContent Body(int id) => TestSandbox.Json($$"""{"Id":{{id}},"Name":"Marca {{id}}","Active":true}""");

    [Fact]
    public async Task ErrorRateOne_Returns503_AndDoesNotProcess()
    {
        sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST brand", ErrorRate = 1.0 });
        var vtex = sandbox.Vtex();

        var post = await vtex.PostAsync(Brand, Body(1));
        var get = await vtex.GetAsync($"{Brand}/1");

        post.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        get.StatusCode.Should().Be(HttpStatusCode.NotFound, "GET is not matched by the rule, and the POST was not processed");
        sandbox.State.Inspect().FaultsInjected.Should().Be(1);
    }

    [Fact]
    public async Task ThrottleRateOne_Returns429WithRetryAfter()
    {
        sandbox.State.Faults.Set(new FaultRule { Route = "vtex:*", ThrottleRate = 1.0, RetryAfterSeconds = 7 });

        var response = await sandbox.Vtex().GetAsync($"{Brand}/1");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task FailNext_FailsExactlyNRequests_WithTheGivenStatus()
    {
        sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST /api/catalog/pvt/brand", FailNext = 2, FailNextStatus = 500 });
        var vtex = sandbox.Vtex();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            statuses.Add((await vtex.PostAsync(Brand, Body(i))).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        sandbox.State.Faults.Rules.Single().FailNext.Should().Be(0);
    }

    [Fact]
    public async Task LostResponse_Returns504_ButTheBrandIsCreated()
    {
        sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST brand", LostResponseRate = 1.0 });
        var vtex = sandbox.Vtex();

        var post = await vtex.PostAsync(Brand, Body(4));

        post.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        sandbox.State.Vtex.Account("loja-a").Brands.Should().ContainSingle(b => b.Id == 4);
    }

    [Fact]
    public async Task ScopedRule_AppliesOnlyToItsAccount()
    {
        sandbox.State.Faults.Set(new FaultRule { Route = "vtex:*", Scope = "loja-b", ErrorRate = 1.0 });

        (await sandbox.Vtex("loja-a").GetAsync($"{Brand}/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await sandbox.Vtex("loja-b").GetAsync($"{Brand}/1")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task HttpControl_SetsRules_WithAMethodlessErpPattern()
    {
        var set = await sandbox.Http.PostAsync("_sandbox/faults", TestSandbox.Json("""{"route":"erp:brands/search","errorRate":1.0}"""));
        var erp = await sandbox.ErpAsync();

        var search = await erp.PostAsync("api/totvsmoda/product/v2/brands/search", TestSandbox.Json("{}"));

        set.StatusCode.Should().Be(HttpStatusCode.OK);
        search.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var rules = await sandbox.Http.GetFromJsonAsync<JsonElement>("_sandbox/faults");
        rules.GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task HttpControl_Returns400_ForAnInvalidRate()
    {
        var response = await sandbox.Http.PostAsync("_sandbox/faults", TestSandbox.Json("""{"route":"vtex:*","errorRate":1.5}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        sandbox.State.Faults.Rules.Should().BeEmpty();
    }

    [Fact]
    public async Task HttpControl_DeleteClearsAllRules()
    {
        sandbox.State.Faults.Set(new FaultRule { Route = "vtex:*", ErrorRate = 1.0 });

        await sandbox.Http.DeleteAsync("_sandbox/faults");

        (await sandbox.Vtex().GetAsync($"{Brand}/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rates_AreReproducible_ForTheSameSeed()
    {
        async Task<List<HttpStatusCode>> RunAsync()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Seed = 42);
            sandbox.State.Faults.Set(new FaultRule { Route = "vtex:GET brand", ErrorRate = 0.3, ThrottleRate = 0.2 });
            var vtex = sandbox.Vtex();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 30; i++)
            {
                statuses.Add((await vtex.GetAsync($"{Brand}/1")).StatusCode);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        first.Should().Equal(second);
        first.Should().Contain(HttpStatusCode.ServiceUnavailable).And.Contain(HttpStatusCode.TooManyRequests).And.Contain(HttpStatusCode.NotFound);
    }

    [Fact]
    public void DefaultOptions_HaveLowDemoRatesOnVtexWrites()
    {
        var state = new SandboxState(new SandboxOptions());

        state.Faults.Rules.Should().NotBeEmpty().And.OnlyContain(r => r.ErrorRate > 0 && r.ErrorRate <= 0.05 && r.ThrottleRate <= 0.05);
    }
}
