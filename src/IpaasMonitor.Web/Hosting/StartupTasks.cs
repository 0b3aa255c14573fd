using Hangfire;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// Runs before the Hangfire server starts (hosted services start in registration order): migrate the store,
/// register the recurring jobs, re-enqueue what a previous process left Requeued, and optionally kick off a first run.
/// </summary>
public sealed class StartupTasks(
    IServiceProvider services,
    SchedulingOptions scheduling,
    IOptions<IpaasMonitorOptions> connections,
    IConfiguration configuration,
    ILogger<StartupTasks> logger) : IHostedService
{
    private const int ReprocessDiagram = 39;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await provider.GetRequiredService<Security.IdentitySeeder>().SeedAsync(embeddedDemo: configuration.GetValue("Sandbox:Embedded", false));
        if (!scheduling.Enabled)
        {
            logger.LogInformation("Scheduling is off in this process");
            return;
        }

        if (scheduling.Recurring)
        {
            await provider.GetRequiredService<DiagramSchedule>().RegisterAllAsync(cancellationToken);
        }

        var jobs = provider.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<RequeueSweeper>(s => s.SweepAsync(true, CancellationToken.None));

        if (scheduling.RunOnStart)
        {
            var registry = provider.GetRequiredService<DiagramRegistry>();
            var order = registry.Implemented
                // 39 re-sends the last 24 h of catalogue changes once a day; at start it would send the whole
                // catalogue a second time, before 06/10 have created the products it points to.
                .Where(d => d.Number != ReprocessDiagram)
                // 23 first: VTEX queues order events only once the feed is configured, and 24 reads that feed.
                .OrderBy(d => d.Number == 23 ? -1 : d.Source == Diagrams.Catalog.SystemSide.Erp ? 0 : 1)
                .ThenBy(d => d.Number)
                .Select(d => d.Number)
                .ToArray();
            foreach (var connection in connections.Value.Connections)
            {
                var id = connection.Id;
                jobs.Enqueue<DiagramRunner>(r => r.RunSequenceAsync(id, order, Triggers.Startup, CancellationToken.None));
            }

            logger.LogInformation("First run enqueued for {Count} connection(s): diagrams {Diagrams}", connections.Value.Connections.Count, order);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
