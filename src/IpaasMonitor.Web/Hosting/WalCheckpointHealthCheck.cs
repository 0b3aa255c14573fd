using IpaasMonitor.Data;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// Degraded while the background WAL checkpoint of the SQLite store fails (ADR-011): nothing is lost, but the log grows
/// until a writer's own checkpoint copies it, so support should know. Healthy on SQL Server (no WAL of ours).
/// </summary>
public sealed class WalCheckpointHealthCheck(IDbContextFactory<IpaasDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { Length: > 0 } connectionString
            || SqliteWalCheckpointer.For(connectionString) is not { } checkpointer)
        {
            return HealthCheckResult.Healthy("No SQLite WAL.");
        }

        var data = new Dictionary<string, object>
        {
            ["checkpoints"] = checkpointer.Checkpoints,
            ["failures"] = checkpointer.Failures,
            ["walPages"] = checkpointer.WalFrames,
        };
        return checkpointer.Failing
            ? HealthCheckResult.Degraded($"Background WAL checkpoint failing: {checkpointer.LastFailure}", data: data)
            : HealthCheckResult.Healthy($"{checkpointer.Checkpoints} background checkpoint(s), {checkpointer.Failures} failed", data);
    }
}
