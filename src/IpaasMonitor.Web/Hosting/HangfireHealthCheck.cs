using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpaasMonitor.Web.Hosting;

/// <summary>Healthy when the Hangfire storage answers and, where this process runs jobs, a server is alive.</summary>
public sealed class HangfireHealthCheck(JobStorage storage, SchedulingOptions scheduling) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var monitoring = storage.GetMonitoringApi();
        var servers = monitoring.Servers().Count;
        var stats = monitoring.GetStatistics();
        var data = new Dictionary<string, object> { ["servers"] = servers, ["enqueued"] = stats.Enqueued, ["failed"] = stats.Failed };
        if (scheduling.Enabled && servers == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server is running.", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{servers} server(s)", data));
    }
}
