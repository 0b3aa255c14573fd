using System.Text.Json;
using IpaasMonitor.Connectors.Resilience;
using IpaasMonitor.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpaasMonitor.Web.Hosting;

public static class HealthExtensions
{
    public static IServiceCollection AddIpaasMonitorHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<IpaasDbContext>("database")
            .AddCheck<HangfireHealthCheck>("hangfire")
            .AddCheck<WalCheckpointHealthCheck>("wal-checkpoint")
            .AddConnectorCircuitBreakers();
        return services;
    }

    /// <summary>GET /health: anonymous, names and states only (no connection strings, hosts or data).</summary>
    public static IEndpointConventionBuilder MapIpaasMonitorHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])); // read-only: no POST, so no antiforgery needed

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
