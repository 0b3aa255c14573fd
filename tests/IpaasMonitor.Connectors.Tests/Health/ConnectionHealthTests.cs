using IpaasMonitor.Connectors.Health;
using IpaasMonitor.Connectors.Vtex;
using IpaasMonitor.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace IpaasMonitor.Connectors.Tests.Health;

/// <summary>The connection health is fed by the real connector clients over real HTTP, and rolls over a 15-minute window.</summary>
public sealed class ConnectionHealthTests
{
    private static readonly string Brand12Path = ConnectorTestHost.Vtex("api/catalog/pvt/brand/12");

    [Fact]
    public async Task EveryAttempt_FeedsItsApi_WithSuccesses_Failures_429s_AndTheBreaker()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        await using var host = await ConnectorTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["IpaasMonitor:Resilience:Vtex:MaxRetryAttempts"] = "1",
                ["IpaasMonitor:Resilience:Vtex:BreakerMinimumThroughput"] = "4",
                ["IpaasMonitor:Resilience:Vtex:BreakerFailureRatio"] = "0.5",
                ["IpaasMonitor:Resilience:Vtex:BreakDuration"] = "00:01:00",
            },
            services => services.AddSingleton<TimeProvider>(clock));
        var health = host.Services.GetRequiredService<IConnectionHealth>();
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog).Calls.Should().Be(0);

        // One call answered 429 then 200 (the retry), then calls answered 503 until the breaker opens.
        host.Server.On("GET", Brand12Path,
            FakeResponse.StatusOnly(429).WithHeader("Retry-After", "0"),
            FakeResponse.Json(new { Id = 12, Name = "Marca", IsActive = true }),
            FakeResponse.StatusOnly(503));
        await host.Catalog.Brands.GetAsync(12);
        for (var i = 0; i < 3; i++)
        {
            await FluentActions.Awaiting(() => host.Catalog.Brands.GetAsync(12)).Should().ThrowAsync<VtexException>();
        }

        var catalog = health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog);
        catalog.TooManyRequests.Should().Be(1);
        catalog.Failures.Should().BeGreaterThanOrEqualTo(2);
        catalog.Calls.Should().Be(host.Server.RequestsTo("GET", Brand12Path).Count, "each attempt that reached the server, retries included");
        catalog.LastSuccessUtc.Should().Be(clock.GetUtcNow().UtcDateTime);
        catalog.LastFailureReason.Should().Be("HTTP 503");
        catalog.P95LatencyMs.Should().NotBeNull();
        catalog.Breaker.Should().Be(CircuitState.Open);
        catalog.IsDegraded.Should().BeTrue();
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexLogistics).Breaker.Should().Be(CircuitState.Open, "logistics shares the account host's breaker");
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexLogistics).Calls.Should().Be(0, "but not its calls");
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.Erp).IsDegraded.Should().BeFalse();
        health.Snapshot().Select(h => h.Api).Should().Equal(ConnectorApis.All);

        // Fifteen minutes later the window is empty; the last success and failure stay.
        clock.Advance(ConnectionHealth.Window);
        var later = health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog);
        later.Calls.Should().Be(0);
        later.TooManyRequests.Should().Be(0);
        later.P95LatencyMs.Should().BeNull();
        later.LastFailureReason.Should().Be("HTTP 503");
    }

    [Fact]
    public async Task TheBreaker_SaysSinceWhenItIsOpen_KeepsItThroughAFailedTrial_AndForgetsItOnceClosed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        await using var host = await ConnectorTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["IpaasMonitor:Resilience:Vtex:MaxRetryAttempts"] = "0",
                ["IpaasMonitor:Resilience:Vtex:BreakerMinimumThroughput"] = "2",
                ["IpaasMonitor:Resilience:Vtex:BreakerFailureRatio"] = "0.5",
                ["IpaasMonitor:Resilience:Vtex:BreakDuration"] = "00:01:00",
            },
            services => services.AddSingleton<TimeProvider>(clock));
        var health = host.Services.GetRequiredService<IConnectionHealth>();
        var up = true;
        host.Server.On("GET", Brand12Path, _ => up ? FakeResponse.Json(new { Id = 12, Name = "Marca", IsActive = true }) : FakeResponse.StatusOnly(503));
        await host.Catalog.Brands.GetAsync(12);
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog).BreakerOpenSinceUtc.Should().BeNull();

        up = false;
        var opened = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 2; i++)
        {
            await FluentActions.Awaiting(() => host.Catalog.Brands.GetAsync(12)).Should().ThrowAsync<Exception>();
        }

        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog).Breaker.Should().Be(CircuitState.Open);
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexOms).BreakerOpenSinceUtc.Should().Be(opened, "the account host's APIs share one breaker");

        // After the break, the trial call fails: open again, and the episode keeps its start.
        clock.Advance(TimeSpan.FromMinutes(2));
        await FluentActions.Awaiting(() => host.Catalog.Brands.GetAsync(12)).Should().ThrowAsync<Exception>();
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog).Breaker.Should().Be(CircuitState.Open);
        health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog).BreakerOpenSinceUtc.Should().Be(opened);

        // After the next break, a trial that succeeds closes it: no "open since" any more.
        up = true;
        clock.Advance(TimeSpan.FromMinutes(2));
        await host.Catalog.Brands.GetAsync(12);
        var closed = health.Get(ConnectorTestHost.ConnectionId, ConnectorApi.VtexCatalog);
        closed.Breaker.Should().Be(CircuitState.Closed);
        closed.BreakerOpenSinceUtc.Should().BeNull();
    }

    [Theory]
    [InlineData("api/catalog/pvt/brand/12", ConnectorSystem.Vtex, ConnectorApi.VtexCatalog)]
    [InlineData("api/logistics/pvt/inventory/skus/1", ConnectorSystem.Vtex, ConnectorApi.VtexLogistics)]
    [InlineData("api/oms/pvt/orders/1001-01", ConnectorSystem.Vtex, ConnectorApi.VtexOms)]
    [InlineData("api/orders/feed", ConnectorSystem.Vtex, ConnectorApi.VtexOms)]
    [InlineData("pricing/prices/1", ConnectorSystem.VtexPricing, ConnectorApi.VtexPricing)]
    [InlineData("api/totvsmoda/product/v2/brands/search", ConnectorSystem.Erp, ConnectorApi.Erp)]
    public void Classify_TellsTheApisOfOneHostApart_ByPath(string path, ConnectorSystem system, ConnectorApi api) =>
        ConnectorApis.Classify(system, new Uri(new Uri("https://loja.example/"), path)).Should().Be(api);

    [Fact]
    public void TheP95_IsTheBinOfThe95thPercentileDuration()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var health = new ConnectionHealth(new IpaasMonitor.Connectors.Resilience.ConnectorCircuitBreakers(), new StaticMonitor(), clock);
        for (var i = 1; i <= 100; i++)
        {
            health.Record("loja-a", ConnectorApi.Erp, TimeSpan.FromMilliseconds(i * 10), 200, null);
        }

        // The 95th of 1..100 × 10 ms is 950 ms; the bins are 25 % wide.
        health.Get("loja-a", ConnectorApi.Erp).P95LatencyMs.Should().BeInRange(950, 950 * 1.25);
    }

    private sealed class StaticMonitor : Microsoft.Extensions.Options.IOptionsMonitor<IpaasMonitorOptions>
    {
        public IpaasMonitorOptions CurrentValue { get; } = new();

        public IpaasMonitorOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<IpaasMonitorOptions, string?> listener) => null;
    }
}
