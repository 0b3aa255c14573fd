using System.Net;
using IpaasMonitor.Sandbox.Network;

namespace IpaasMonitor.Sandbox.Tests.Network;

public sealed class RouteRateLimitsTests
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static Task<TestSandbox> StartAsync(double perRoute, double perAccount) =>
        TestSandbox.StartAsync(o => o.RateLimits = new SandboxRateLimitOptions
        {
            Enabled = true,
            CatalogPerRoutePerMinute = perRoute,
            CatalogPerAccountPerMinute = perAccount,
            LogisticsPerRoutePerMinute = perRoute,
            LogisticsPerAccountPerMinute = perAccount,
            BurstSeconds = 1,
        });

    [Fact]
    public async Task Route_BeyondItsLimit_Gets429WithRetryAfter_AndTheRateLimitHeaders()
    {
        // 300/min = 5/s, a 1-second bucket: 5 requests, then 429 until the clock refills it.
        await using var sandbox = await StartAsync(perRoute: 300, perAccount: 45_000);
        var vtex = sandbox.Vtex();
        var path = new Uri("api/catalog/pvt/brand/1", UriKind.Relative);

        var statuses = new List<HttpStatusCode>();
        var remaining = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await vtex.GetAsync(path);
            statuses.Add(response.StatusCode);
            remaining.Add(Header(response, "Ratelimit-Remaining"));
        }

        using var refused = await vtex.GetAsync(path);
        using var otherRoute = await vtex.GetAsync(new Uri("api/catalog_system/pvt/saleschannel/list", UriKind.Relative));
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        using var afterReset = await vtex.GetAsync(path);

        statuses.Take(5).Should().AllBeEquivalentTo(HttpStatusCode.NotFound, "brand 1 does not exist: the request was processed");
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
        remaining.Take(5).Should().Equal("4", "3", "2", "1", "0");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        Header(refused, "Ratelimit-Limit").Should().Be("5");
        Header(refused, "Ratelimit-Reset").Should().Be("1");
        otherRoute.StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per route");
        afterReset.StatusCode.Should().Be(HttpStatusCode.NotFound);
        sandbox.State.Inspect().Count("vtex:GET brand", "loja-a", 429).Should().Be(2);
    }

    [Fact]
    public async Task Account_LimitSpansItsRoutes_AndOtherAccountsAreApart()
    {
        await using var sandbox = await StartAsync(perRoute: 15_000, perAccount: 180);
        var a = sandbox.Vtex("loja-a");
        var b = sandbox.Vtex("loja-b");

        var first = await a.GetAsync(new Uri("api/catalog/pvt/brand/1", UriKind.Relative));
        var second = await a.GetAsync(new Uri("api/catalog/pvt/category/1", UriKind.Relative));
        var third = await a.GetAsync(new Uri("api/catalog/pvt/product/1", UriKind.Relative));
        var fourth = await a.GetAsync(new Uri("api/catalog/pvt/stockkeepingunit/1", UriKind.Relative));
        var otherAccount = await b.GetAsync(new Uri("api/catalog/pvt/brand/1", UriKind.Relative));

        new[] { first, second, third }.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        fourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "3/s across the account's routes");
        otherAccount.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LimitsOff_NoHeadersAndNo429()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.RateLimits = new SandboxRateLimitOptions { Enabled = false, CatalogPerRoutePerMinute = 60 });
        var vtex = sandbox.Vtex();

        for (var i = 0; i < 5; i++)
        {
            using var response = await vtex.GetAsync(new Uri("api/catalog/pvt/brand/1", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            response.Headers.Contains("Ratelimit-Remaining").Should().BeFalse();
        }
    }
}
