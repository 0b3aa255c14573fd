using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpaasMonitor.Web.Tests.Hosting;

/// <summary>
/// <see cref="HangfireHealthCheck"/> over real Hangfire servers on in-memory storage: a process that runs jobs with no
/// server serving the maintenance queue (the sweeper and the re-queues, ADR-027 amendment) is degraded.
/// </summary>
public sealed class HangfireHealthCheckTests
{
    [Fact]
    public async Task WithoutAServerOnTheMaintenanceQueue_Degraded_WithOne_Healthy()
    {
        using var storage = new InMemoryStorage();
        var health = new HangfireHealthCheck(storage, new SchedulingOptions());

        (await health.CheckHealthAsync(new HealthCheckContext())).Status.Should().Be(HealthStatus.Degraded, "no server at all");

        using (var diagrams = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, Queues = ["orders", "default"] }, storage))
        {
            var result = await UntilAsync(health, r => r.Data["servers"] is 1);
            result.Status.Should().Be(HealthStatus.Degraded);
            result.Description.Should().Contain("maintenance");

            using var maintenance = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, Queues = [JobQueues.Maintenance] }, storage);
            result = await UntilAsync(health, r => r.Data["servers"] is 2);
            result.Status.Should().Be(HealthStatus.Healthy);
            result.Description.Should().Be("2 server(s); 0 maintenance job(s) waiting");
        }

        (await new HangfireHealthCheck(storage, new SchedulingOptions { Enabled = false }).CheckHealthAsync(new HealthCheckContext()))
            .Status.Should().Be(HealthStatus.Healthy, "a process that runs no jobs needs no server");
    }

    // A server announces itself shortly after it starts.
    private static async Task<HealthCheckResult> UntilAsync(HangfireHealthCheck health, Func<HealthCheckResult, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await health.CheckHealthAsync(new HealthCheckContext());
            if (done(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(50);
        }
    }
}
