using Hangfire;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// Runs before the Hangfire server starts (hosted services start in registration order): build every catalogue row's
/// diagram (a row whose class cannot be built stops the start), migrate the store, register the recurring jobs,
/// write this node's heartbeat and take over what dead nodes left (ADR-026), re-enqueue what a previous process left
/// Requeued or pending (chained and delayed runs, an interrupted purge: ADR-027), and optionally kick off a first run.
/// </summary>
public sealed class StartupTasks(
    IServiceProvider services,
    SchedulingOptions scheduling,
    IOptions<IpaasMonitorOptions> connections,
    IConfiguration configuration,
    ILogger<StartupTasks> logger) : IHostedService
{
    /// <summary>The store-wide lease the first-start seeding runs under (no connection is named so).</summary>
    public const string SeedingLease = "_seeding";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        _ = provider.GetRequiredService<DiagramRegistry>();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await SeedAsync(provider, cancellationToken);

        // Before any job runs: this node's heartbeat, and what dead predecessors left (leases, runs, claims) taken over
        // now rather than after the leases expire (ADR-026).
        var watch = provider.GetRequiredService<NodeWatch>();
        await watch.StartAsync(cancellationToken);
        logger.LogInformation("Node {Node} started", provider.GetRequiredService<NodeIdentity>().Name);
        if (!scheduling.Enabled)
        {
            logger.LogInformation("Scheduling is off in this process");
            return;
        }

        if (scheduling.Recurring)
        {
            await provider.GetRequiredService<DiagramSchedule>().RegisterAllAsync(cancellationToken);
            if (provider.GetRequiredService<IOptions<Alerts.AlertOptions>>().Value.Enabled)
            {
                Alerts.AlertsServiceCollectionExtensions.RegisterAlertJobs(provider.GetRequiredService<IRecurringJobManager>());
            }
        }

        var jobs = provider.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<RequeueSweeper>(s => s.SweepAsync(true, CancellationToken.None));
        await provider.GetRequiredService<PendingJobs>().ReplayAsync(cancellationToken);

        if (scheduling.RunOnStart)
        {
            int[] order = [.. DiagramCatalog.StartupOrder];
            foreach (var connection in connections.Value.Connections)
            {
                var id = connection.Id;
                jobs.Enqueue<DiagramRunner>(r => r.RunSequenceAsync(id, order, Triggers.Startup, CancellationToken.None));
            }

            logger.LogInformation("First run enqueued for {Count} connection(s): diagrams {Diagrams}", connections.Value.Connections.Count, order);
        }
    }

    /// <summary>
    /// Roles, demo accounts and default alert rules. Nodes starting together on a fresh shared store would each find none
    /// and insert them twice (a unique violation on the roles that stopped a node, or the default rules doubled), so the
    /// seeding runs under a store-wide lease, one node at a time; the next one finds everything there (ADR-026).
    /// </summary>
    private async Task SeedAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        var leases = provider.GetRequiredService<DiagramLeases>();
        var holder = Guid.NewGuid();
        while (!await leases.TryAcquireAsync(SeedingLease, 0, holder, cancellationToken))
        {
            logger.LogInformation("Another node is seeding the store; waiting");
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        try
        {
            await provider.GetRequiredService<Security.IdentitySeeder>().SeedAsync(embeddedDemo: configuration.GetValue("Sandbox:Embedded", false));
            await provider.GetRequiredService<Alerts.AlertRuleSeeder>().SeedAsync(cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(SeedingLease, 0, holder, CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
