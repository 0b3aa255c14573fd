using IpaasMonitor.Connectors.Resilience;
using IpaasMonitor.Connectors.Vtex;
using IpaasMonitor.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace IpaasMonitor.Connectors.Tests.Resilience;

public sealed class ConnectorResilienceTests
{
    private static readonly string Brand12Path = ConnectorTestHost.Vtex("api/catalog/pvt/brand/12");

    [Fact]
    public async Task Breaker_Opens_AndCallsFailFastWithoutReachingServer()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["IpaasMonitor:Resilience:Vtex:MaxRetryAttempts"] = "0",
            ["IpaasMonitor:Resilience:Vtex:BreakerMinimumThroughput"] = "3",
            ["IpaasMonitor:Resilience:Vtex:BreakerFailureRatio"] = "0.5",
            ["IpaasMonitor:Resilience:Vtex:BreakDuration"] = "00:01:00",
        });
        host.Server.On("GET", Brand12Path, FakeResponse.StatusOnly(500));
        var breakers = host.Services.GetRequiredService<ConnectorCircuitBreakers>();

        for (var i = 0; i < 3; i++)
        {
            await FluentActions.Awaiting(() => host.Catalog.Brands.GetAsync(12)).Should().ThrowAsync<VtexException>();
        }

        breakers.GetState(ConnectorSystem.Vtex, ConnectorTestHost.ConnectionId).Should().Be(CircuitState.Open);
        var reached = host.Server.Requests.Count;

        var error = (await FluentActions.Awaiting(() => host.Catalog.Brands.GetAsync(12)).Should().ThrowAsync<VtexException>()).Which;

        error.Kind.Should().Be(ConnectorErrorKind.Transient);
        error.Message.Should().StartWith("VTEX circuito aberto");
        host.Server.Requests.Should().HaveCount(reached, "an open circuit fails fast");
        breakers.GetState(ConnectorSystem.Erp, ConnectorTestHost.ConnectionId).Should().Be(CircuitState.Closed, "each system has its own breaker");
        var health = await new ConnectorHealthCheck(breakers).CheckHealthAsync(new HealthCheckContext());
        health.Status.Should().Be(HealthStatus.Degraded);
        health.Description.Should().Be("Circuit open for Vtex (loja-a)");
    }

    [Fact]
    public async Task RateLimiter_SpacesRequests_PerConnection()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["IpaasMonitor:Resilience:Vtex:PermitsPerSecond"] = "10",
            ["IpaasMonitor:Resilience:Vtex:Burst"] = "1",
        });
        host.Server.On("GET", Brand12Path, FakeResponse.Raw("null"));

        var arrivals = await SequentialArrivalsAsync(host, count: 8);

        // 7 more permits at 10/s take about 700 ms; the margin absorbs the limiter's timer granularity.
        (arrivals[^1] - arrivals[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task RateLimiter_UsesConnectionOverride_OverSystemProfile()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["IpaasMonitor:Resilience:Vtex:PermitsPerSecond"] = "1000",
            ["IpaasMonitor:Resilience:Vtex:Burst"] = "1",
            ["IpaasMonitor:Connections:0:Vtex:PermitsPerSecond"] = "5",
        });
        host.Server.On("GET", Brand12Path, FakeResponse.Raw("null"));

        var arrivals = await SequentialArrivalsAsync(host, count: 6);

        // 5 more permits at 5/s take about 1 s (at the profile's 1000/s they would take a few ms).
        (arrivals[^1] - arrivals[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(700));
    }

    [Fact]
    public async Task RateLimiter_TakesAFractionalRate_AsVtexPublishesPerMinute()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["IpaasMonitor:Resilience:Vtex:PermitsPerSecond"] = "2.5",
            ["IpaasMonitor:Resilience:Vtex:Burst"] = "1",
        });
        host.Server.On("GET", Brand12Path, FakeResponse.Raw("null"));

        var arrivals = await SequentialArrivalsAsync(host, count: 3);

        // 2 more permits at 2.5/s take 800 ms (at 2/s 1 s, at 3/s 667 ms).
        (arrivals[^1] - arrivals[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(700));
    }

    [Fact]
    public void VtexPricingCeiling_IsVtexsOwnRate_WithABurstWellInsideItsCredits()
    {
        var pricing = new ConnectorResilienceOptions().VtexPricing;

        (pricing.PermitsPerSecond * 60).Should().BeApproximately(2000, 0.001, "VTEX Pricing allows 2,000 writes a minute per account; a lower ceiling leaves that share unused");
        pricing.Burst.Should().BeInRange(1, 250, "VTEX gives 500 burst credits: what the hub does not spend at once absorbs the jitter of arrival times");
    }

    [Fact]
    public async Task UpdateAsync_ThrowsTransient_WhenServerUnreachable()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        var server = host.Server;
        await server.DisposeAsync();

        var put = await FluentActions.Awaiting(() => host.Catalog.Brands.UpdateAsync(12, new() { Id = 12, Name = "x" }))
            .Should().ThrowAsync<VtexException>();
        put.Which.Kind.Should().Be(ConnectorErrorKind.Transient);
        put.Which.Message.Should().StartWith("VTEX falha de conexão em PUT brand/12");
    }

    /// <summary>
    /// A warm-up call (builds the pipeline, opens the connection, takes the one burst token), then
    /// <paramref name="count"/> calls one after another on the same connection: their server-side arrival times.
    /// </summary>
    private static async Task<List<TimeSpan>> SequentialArrivalsAsync(ConnectorTestHost host, int count)
    {
        await host.Catalog.Brands.GetAsync(12);
        for (var i = 0; i < count; i++)
        {
            await host.Catalog.Brands.GetAsync(12);
        }

        return [.. host.Server.Requests.Skip(1).Select(r => r.Elapsed)];
    }
}
