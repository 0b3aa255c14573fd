using IpaasMonitor.Connectors.Concurrency;
using IpaasMonitor.Sandbox.Network;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Connectors.Tests.Concurrency;

/// <summary>The adaptive limits in the real connector stack against the sandbox's VTEX latency and per-route limit.</summary>
public sealed class ConcurrencyLimitsTests
{
    private const int Requests = 200;

    /// <summary>
    /// 200 brand lookups by 32 workers, each taking a send permit first (what the hub → VTEX template does), against a
    /// route limited to 2,400/min (40/s, a one-second bucket) answering in about 100 ms.
    /// </summary>
    private static async Task<(long Requests, long Throttled, int Failed, IReadOnlyList<ConcurrencySnapshot> Gauge)> LoadAsync(bool adaptive)
    {
        await using var host = await SandboxConnectorHost.StartAsync(
            overrides: new Dictionary<string, string?>
            {
                ["IpaasMonitor:Concurrency:Enabled"] = adaptive ? "true" : "false",
                ["IpaasMonitor:Concurrency:InitialLimit"] = "8",
                ["IpaasMonitor:Resilience:Vtex:MaxRetryAttempts"] = "6",
            },
            configureSandbox: o =>
            {
                o.Latency = new SandboxLatencyOptions { Enabled = true, Routes = [new LatencyRule { Route = "vtex:*", P50Ms = 100, P99Ms = 250 }] };
                o.RateLimits = new SandboxRateLimitOptions { Enabled = true, CatalogPerRoutePerMinute = 2_400, CatalogPerAccountPerMinute = 45_000, BurstSeconds = 1 };
            });
        var limits = host.Services.GetRequiredService<ConcurrencyLimits>();
        var brands = host.Factory.GetVtexCatalogClient(SandboxConnectorHost.ConnectionId).Brands;
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(1, Requests), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
        {
            using var permit = await limits.AcquireSendAsync(SandboxConnectorHost.ConnectionId, ConnectorSystem.Vtex, ct);
            try
            {
                await brands.GetAsync(id, ct);
            }
            catch (ConnectorException)
            {
                Interlocked.Increment(ref failed); // retries exhausted: counted, asserted below
            }
        });

        var inspection = host.Sandbox.State.Inspect();
        var gauge = host.Services.GetRequiredService<IConcurrencyGauge>().For(SandboxConnectorHost.ConnectionId);
        return (inspection.Count("vtex:GET brand"), inspection.Count("vtex:GET brand", status: 429), failed, gauge);
    }

    [Fact]
    public async Task AdaptiveLimit_KeepsUnderTheRouteLimit_WithFew429s_WhereAFixedParallelismStorms()
    {
        var adaptive = await LoadAsync(adaptive: true);
        var fixedRun = await LoadAsync(adaptive: false);

        adaptive.Failed.Should().Be(0);
        adaptive.Throttled.Should().BeLessThan(adaptive.Requests / 20, "under 5 % of the requests are refused");
        fixedRun.Throttled.Should().BeGreaterThan(adaptive.Throttled * 3, "32 sends at once at 100 ms is 320/s against 40/s");

        var route = adaptive.Gauge.Single(s => s.Route == "GET /vtex/loja-a/api/catalog/pvt/brand/{id}");
        route.System.Should().Be(ConnectorSystem.Vtex);
        route.Requests.Should().Be(adaptive.Requests);
        route.RateLimitLimit.Should().Be(40);
        route.InFlight.Should().Be(0);
        adaptive.Gauge.Should().ContainSingle(s => s.Route == null && s.System == ConnectorSystem.Vtex)
            .Which.Limit.Should().BeLessThan(32, "it backed off from what a fixed 32 would send");
        fixedRun.Gauge.Should().BeEmpty("nothing adapts when it is off");
    }
}
