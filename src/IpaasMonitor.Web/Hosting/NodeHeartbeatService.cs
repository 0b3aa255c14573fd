using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// Keeps this node's heartbeat fresh and watches for dead nodes (<see cref="NodeWatch"/>, ADR-026). Registered before the
/// Hangfire server, so on a clean stop it stops after the workers, and only then removes this node's row.
/// </summary>
public sealed class NodeHeartbeatService(NodeWatch watch, ILogger<NodeHeartbeatService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await watch.StopAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The row ages out instead: the other nodes find it stale after NodeTimeout.
            logger.LogWarning(ex, "Could not remove this node's heartbeat row on stop");
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => watch.RunAsync(stoppingToken);
}
