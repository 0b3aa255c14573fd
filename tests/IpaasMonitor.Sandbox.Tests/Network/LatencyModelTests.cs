using System.Net;
using IpaasMonitor.Sandbox.Network;

namespace IpaasMonitor.Sandbox.Tests.Network;

public sealed class LatencyModelTests
{
    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Floor(p * (sorted.Count - 1))];

    [Fact]
    public void Draws_HaveTheConfiguredMedianAndTail()
    {
        var model = new LatencyModel(
            new SandboxLatencyOptions { Enabled = true, Routes = [new LatencyRule { Route = "vtex:*", P50Ms = 120, P99Ms = 800 }] },
            seed: 7);

        var draws = Enumerable.Range(0, 40_000).Select(_ => model.Next("vtex:PUT /api/catalog/pvt/category/{id}", "vtex:PUT category").TotalMilliseconds).Order().ToList();

        Percentile(draws, 0.50).Should().BeInRange(114, 126);
        Percentile(draws, 0.99).Should().BeInRange(720, 880);
        draws[0].Should().BePositive();
    }

    [Fact]
    public void MostSpecificRuleWins_AndUnmatchedOrDisabledRoutesHaveNoDelay()
    {
        var options = new SandboxLatencyOptions
        {
            Enabled = true,
            Routes = [new LatencyRule { Route = "vtex:*", P50Ms = 1_000, P99Ms = 1_000 }, new LatencyRule { Route = "vtex:* /pricing/*", P50Ms = 50, P99Ms = 50 }],
        };
        var model = new LatencyModel(options, seed: 1);

        model.Next("vtex:PUT /pricing/prices/{itemId}", "vtex:PUT prices").TotalMilliseconds.Should().BeApproximately(50, 0.001);
        model.Next("vtex:GET /api/catalog/pvt/brand/{brandId}", "vtex:GET brand").TotalMilliseconds.Should().BeApproximately(1_000, 0.001);
        model.Next("erp:POST /api/totvsmoda/product/v2/brands/search", "erp:POST brands/search").Should().Be(TimeSpan.Zero);
        model.Enabled = false;
        model.Next("vtex:PUT /pricing/prices/{itemId}", "vtex:PUT prices").Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void DefaultRoutes_GiveTheDocumentedDemoLatencies()
    {
        var model = new LatencyModel(new SandboxLatencyOptions { Enabled = true }, seed: 3);

        double Median(string full, string shortKey) =>
            Enumerable.Range(0, 4_001).Select(_ => model.Next(full, shortKey).TotalMilliseconds).Order().ElementAt(2_000);

        Median("vtex:PUT /api/catalog/pvt/stockkeepingunit/{skuId}", "vtex:PUT sku").Should().BeInRange(105, 135);
        Median("vtex:PUT /pricing/prices/{itemId}", "vtex:PUT prices").Should().BeInRange(70, 90);
        Median("vtex:PUT /api/logistics/pvt/inventory/skus/{skuId}/warehouses/{warehouseId}", "vtex:PUT inventory").Should().BeInRange(88, 112);
        Median("erp:POST /api/totvsmoda/product/v2/products/search", "erp:POST products/search").Should().BeInRange(220, 280);
    }

    [Fact]
    public async Task Request_WaitsOnTheSandboxClock_WithoutBlocking()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.Latency = new SandboxLatencyOptions
        {
            Enabled = true,
            Routes = [new LatencyRule { Route = "vtex:*", P50Ms = 5_000, P99Ms = 5_000 }],
        });
        var vtex = sandbox.Vtex();

        var pending = vtex.GetAsync(new Uri("api/catalog_system/pvt/saleschannel/list", UriKind.Relative));
        var early = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(300)));
        early.Should().NotBeSameAs(pending, "the fake clock has not moved: the 5-second delay cannot have elapsed");

        // Move the fake clock until the delay is over (the request may reach its delay after the first advance).
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            sandbox.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        (await pending).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
