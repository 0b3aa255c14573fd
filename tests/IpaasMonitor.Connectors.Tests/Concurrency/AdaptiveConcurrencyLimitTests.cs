using IpaasMonitor.Connectors.Concurrency;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Connectors.Tests.Concurrency;

public sealed class AdaptiveConcurrencyLimitTests
{
    private static readonly TimeSpan Flat = TimeSpan.FromMilliseconds(120);

    private static AdaptiveConcurrencyOptions Options(int initial = 8, int min = 1, int max = 64) =>
        new() { InitialLimit = initial, MinLimit = min, MaxLimit = max, LatencyWarmup = 10 };

    /// <summary>Takes every permit the limit allows (so the limit is what holds sends back).</summary>
    private static async Task<List<ConcurrencyPermit>> SaturateAsync(AdaptiveConcurrencyLimit limit)
    {
        var permits = new List<ConcurrencyPermit>();
        while (limit.InFlight < limit.Limit)
        {
            permits.Add(await limit.AcquireAsync());
        }

        return permits;
    }

    private static async Task FeedAsync(AdaptiveConcurrencyLimit limit, int answers, ConcurrencySample sample)
    {
        for (var i = 0; i < answers; i++)
        {
            await SaturateAsync(limit);
            limit.Record(sample);
        }
    }

    [Fact]
    public async Task Grows_ByAboutOnePerLimitOfAnswers_WhileLatencyIsFlatAndNo429Comes()
    {
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 8));

        await FeedAsync(limit, 9, new ConcurrencySample(Flat, Throttled: false));
        var afterOneWindow = limit.Limit;
        await FeedAsync(limit, 400, new ConcurrencySample(Flat, Throttled: false));

        afterOneWindow.Should().Be(9);
        limit.Limit.Should().BeGreaterThan(20);
    }

    [Fact]
    public async Task StaysWithinItsBounds()
    {
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 4, min: 2, max: 6));

        await FeedAsync(limit, 500, new ConcurrencySample(Flat, Throttled: false));
        var top = limit.Limit;
        for (var i = 0; i < 50; i++)
        {
            limit.Record(new ConcurrencySample(Flat, Throttled: true));
        }

        top.Should().Be(6);
        limit.Limit.Should().Be(2);
    }

    [Fact]
    public void DoesNotGrow_WhenFewerSendsWaitThanItAllows()
    {
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 8));

        for (var i = 0; i < 500; i++)
        {
            limit.Record(new ConcurrencySample(Flat, Throttled: false));
        }

        limit.Limit.Should().Be(8, "nothing is held back by the limit: growing it would only allow a burst later");
    }

    [Fact]
    public async Task A429_HalvesTheLimit_OncePerWindowOfAnswers()
    {
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 16));
        await FeedAsync(limit, 17, new ConcurrencySample(Flat, Throttled: false));
        var before = limit.Limit;

        // The answers of the sends already in flight arrive together: they were all sent under the old limit.
        for (var i = 0; i < 5; i++)
        {
            limit.Record(new ConcurrencySample(Flat, Throttled: true));
        }

        var afterBurst = limit.Limit;
        for (var i = 0; i < afterBurst; i++)
        {
            limit.Record(new ConcurrencySample(Flat, Throttled: false));
        }

        limit.Record(new ConcurrencySample(Flat, Throttled: true));

        before.Should().Be(17);
        afterBurst.Should().Be(8);
        limit.Limit.Should().Be(4, "a 429 one window later halves it again");
        var snapshot = limit.Snapshot("c", ConnectorSystem.Vtex, null);
        snapshot.Throttled.Should().Be(6);
        snapshot.LastDecreaseReason.Should().Be("429");
    }

    [Fact]
    public async Task RisingLatency_ShrinksTheLimit()
    {
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 20));
        await FeedAsync(limit, 40, new ConcurrencySample(Flat, Throttled: false));
        var settled = limit.Limit;

        for (var i = 0; i < 200; i++)
        {
            limit.Record(new ConcurrencySample(TimeSpan.FromMilliseconds(600), Throttled: false));
        }

        limit.Limit.Should().BeLessThan(settled);
        limit.Snapshot("c", ConnectorSystem.Vtex, null).LastDecreaseReason.Should().Be("latency");
    }

    [Fact]
    public async Task SteadyHeavyTailedLatency_DoesNotShrinkTheLimit()
    {
        // VTEX's catalog as the sandbox models it: lognormal, p50 120 ms, p99 800 ms, the same all along. Only the
        // average of the recent answers wanders; nothing rises, so the limit must not be cut for "latency".
        // (The baseline used to be the lowest the recent average had reached: 8 to 160 cuts per 20,000 answers.)
        var limit = new AdaptiveConcurrencyLimit(new AdaptiveConcurrencyOptions { InitialLimit = 8, MaxLimit = 64 });
        var random = new Random(17);
        var sigma = Math.Log(800.0 / 120) / 2.326;
        var cuts = 0;
        for (var i = 0; i < 20_000; i++)
        {
            await SaturateAsync(limit);
            var before = limit.Limit;
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            limit.Record(new ConcurrencySample(TimeSpan.FromMilliseconds(120 * Math.Exp(sigma * normal)), Throttled: false));
            cuts += limit.Limit < before ? 1 : 0;
        }

        cuts.Should().BeLessThanOrEqualTo(3, "a steady latency is not a rising one");
        limit.Limit.Should().Be(64);
    }

    [Fact]
    public async Task RateLimitRemainingRunningLow_ShrinksTheLimit_BeforeAny429()
    {
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 20));
        await FeedAsync(limit, 40, new ConcurrencySample(Flat, Throttled: false, RateLimitRemaining: 400, RateLimitLimit: 500));
        var settled = limit.Limit;

        for (var i = 0; i < 100; i++)
        {
            limit.Record(new ConcurrencySample(Flat, Throttled: false, RateLimitRemaining: 20, RateLimitLimit: 500));
        }

        var snapshot = limit.Snapshot("c", ConnectorSystem.VtexPricing, "PUT /pricing/prices/{id}");
        limit.Limit.Should().BeLessThan(settled);
        snapshot.Throttled.Should().Be(0);
        snapshot.LastDecreaseReason.Should().Be("Ratelimit-Remaining");
        snapshot.RateLimitUse.Should().Be(0.96);
    }

    [Fact]
    public async Task Waiters_AreServedInOrder_AsPermitsComeBack_AndACancelledOneLeavesTheQueue()
    {
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 2, max: 2));
        var held = await SaturateAsync(limit);
        using var cancel = new CancellationTokenSource();
        var first = limit.AcquireAsync().AsTask();
        var cancelled = limit.AcquireAsync(cancel.Token).AsTask();
        var third = limit.AcquireAsync().AsTask();

        first.IsCompleted.Should().BeFalse();
        await cancel.CancelAsync();
        held[0].Dispose();
        held[0].Dispose(); // a permit is given back once
        using var firstPermit = await first;
        third.IsCompleted.Should().BeFalse();
        held[1].Dispose();
        using var thirdPermit = await third;

        Func<Task> waitCancelled = () => cancelled;
        await waitCancelled.Should().ThrowAsync<OperationCanceledException>();
        limit.InFlight.Should().Be(2);
    }

    [Fact]
    public async Task RetryAfter_PausesNewRequestsOfARoute_OnTheClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var limit = new AdaptiveConcurrencyLimit(Options(initial: 4), time, honourRetryAfter: true);

        limit.Record(new ConcurrencySample(Flat, Throttled: true, RetryAfter: TimeSpan.FromSeconds(2)));
        var paused = limit.AcquireAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        var stillPaused = paused.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        using var permit = await paused;

        stillPaused.Should().BeFalse();
        limit.InFlight.Should().Be(1);
    }

    [Theory]
    [InlineData("PUT", "http://x/vtex/loja-a/api/catalog/pvt/stockkeepingunit/1234?x=1", "PUT /vtex/loja-a/api/catalog/pvt/stockkeepingunit/{id}")]
    [InlineData("PUT", "http://x/api/logistics/pvt/inventory/skus/77/warehouses/1_1", "PUT /api/logistics/pvt/inventory/skus/{id}/warehouses/{id}")]
    [InlineData("GET", "http://x/api/catalog_system/pvt/products/productgetbyrefid/VES0001", "GET /api/catalog_system/pvt/products/productgetbyrefid/{id}")]
    public void RouteOf_ReplacesIdSegments(string method, string url, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        ConcurrencyLimits.RouteOf(request).Should().Be(expected);
    }
}
