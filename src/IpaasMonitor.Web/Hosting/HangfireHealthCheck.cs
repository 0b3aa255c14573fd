using Hangfire;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// Healthy when the Hangfire storage answers and, where this process runs jobs, a server is alive and one serves the
/// maintenance queue (the sweeper and the re-queues, ADR-027 amendment). The description says how many maintenance jobs
/// wait: a number that keeps growing means the maintenance workers are short.
/// </summary>
public sealed class HangfireHealthCheck(JobStorage storage, SchedulingOptions scheduling) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var monitoring = storage.GetMonitoringApi();
        var servers = monitoring.Servers();
        var stats = monitoring.GetStatistics();
        var maintenanceWaiting = monitoring.EnqueuedCount(JobQueues.Maintenance);
        var data = new Dictionary<string, object>
        {
            ["servers"] = servers.Count,
            ["enqueued"] = stats.Enqueued,
            ["failed"] = stats.Failed,
            ["maintenanceEnqueued"] = maintenanceWaiting,
        };
        if (scheduling.Enabled && servers.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server is running.", data: data));
        }

        if (scheduling.Enabled && !servers.Any(s => s.Queues.Contains(JobQueues.Maintenance, StringComparer.Ordinal)))
        {
            return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server serves the maintenance queue (sweeper, re-queues).", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{servers.Count} server(s); {maintenanceWaiting} maintenance job(s) waiting", data));
    }
}
