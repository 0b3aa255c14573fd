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

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.Catalog.Brands.GetAsync(12)));

        var arrivals = host.Server.Requests.Select(r => r.Elapsed).Order().ToList();
        (arrivals[^1] - arrivals[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300), "5 requests at 10/s with a burst of 1");
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
}
