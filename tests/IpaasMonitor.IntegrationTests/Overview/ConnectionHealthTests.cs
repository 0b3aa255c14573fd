using IpaasMonitor.Connectors.Health;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.IntegrationTests.Security;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace IpaasMonitor.IntegrationTests.Overview;

/// <summary>
/// The sandbox's faults open the VTEX breaker of a connection: the health service says so and every page's header
/// shows the indicator; the messages of the failing run are in the hourly counters.
/// </summary>
public sealed class ConnectionHealthTests : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(scheduling: false, extra: new Dictionary<string, string?>
    {
        ["IpaasMonitor:Resilience:Vtex:MaxRetryAttempts"] = "0",
        ["IpaasMonitor:Resilience:Vtex:BreakerMinimumThroughput"] = "3",
        ["IpaasMonitor:Resilience:Vtex:BreakerFailureRatio"] = "0.5",
        ["IpaasMonitor:Resilience:Vtex:BreakDuration"] = "00:10:00",
    });

    public Task InitializeAsync()
    {
        _ = app.Services; // starts the host: migrations, sandbox
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task FaultsThatOpenTheBreaker_ShowInTheHeaderOfEveryPage_AndOnTheHealthPage()
    {
        await app.RunAsync(1);
        using var viewer = await SignIn.AsAsync(app, SignIn.Viewer);
        (await viewer.GetStringAsync("/mensagens")).Should().NotContain("data-testid=\"health-indicator\"", "nothing has failed yet");

        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 100_000, FailNextStatus = 503 });
        await app.RunAsync(2);

        var health = app.Services.GetRequiredService<IConnectionHealth>();
        var catalog = health.Get(IpaasMonitorApp.FirstConnection, ConnectorApi.VtexCatalog);
        catalog.Breaker.Should().Be(CircuitState.Open);
        catalog.LastFailureReason.Should().Be("HTTP 503");
        catalog.IsDegraded.Should().BeTrue();

        foreach (var page in new[] { "/mensagens", "/diagramas", "/painel" })
        {
            (await viewer.GetStringAsync(page)).Should().Contain("data-testid=\"health-indicator\"", $"{page} has the header");
        }

        var healthPage = await viewer.GetStringAsync("/saude");
        healthPage.Should().Contain("HTTP 503").And.Contain($"data-connection=\"{IpaasMonitorApp.FirstConnection}\" data-api=\"VtexCatalog\" data-degraded=\"true\"");

        // The failing run's messages were counted as they were recorded.
        var expected = await app.DbAsync(async db => (await db.Messages.AsNoTracking().Select(m => new { m.ReceivedAtUtc, m.ConnectionId, m.Diagram, m.Situation }).ToListAsync())
            .GroupBy(m => new CounterKey(MessageCounts.HourOf(m.ReceivedAtUtc), m.ConnectionId, m.Diagram, m.Situation))
            .ToDictionary(g => g.Key, g => (long)g.Count()));
        var counters = await app.DbAsync(async db => (await db.MessageCounters.AsNoTracking().ToListAsync())
            .ToDictionary(c => new CounterKey(c.HourUtc, c.ConnectionId, c.Diagram, c.Situation), c => c.Count));
        counters.Should().BeEquivalentTo(expected);
        counters.Keys.Should().Contain(k => k.Diagram == 2 && k.Situation == MessageSituation.Failed);
    }
}
