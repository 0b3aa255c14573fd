using Hangfire;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// Operator actions on a (connection, diagram): run now (a Hangfire job) and enable/disable its
/// scheduled runs (<see cref="DiagramSetting.Enabled"/>, which <see cref="DiagramRunner"/> checks). Both audited.
/// The caller checks the operate policy first.
/// </summary>
public sealed class DiagramActions(
    IBackgroundJobClient jobs,
    IDbContextFactory<IpaasDbContext> dbFactory,
    IOptionsMonitor<IpaasMonitorOptions> options,
    AuditLog audit,
    TimeProvider time)
{
    public const string TargetType = "diagram";

    /// <summary>The configured connections, the only ones a diagram can run for.</summary>
    public IReadOnlyList<string> ConnectionIds =>
        [.. options.CurrentValue.Connections.Select(c => c.Id).Where(id => id.Length > 0).Order(StringComparer.Ordinal)];

    /// <summary>The (connection, diagram) pairs that are disabled. Everything else is enabled (the default).</summary>
    public async Task<IReadOnlySet<(string ConnectionId, int Diagram)>> GetDisabledAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var disabled = await db.DiagramSettings.AsNoTracking()
            .Where(s => !s.Enabled)
            .Select(s => new { s.ConnectionId, s.Diagram })
            .ToListAsync(cancellationToken);
        return disabled.Select(s => (s.ConnectionId, s.Diagram)).ToHashSet();
    }

    /// <summary>Enqueues a run triggered by <paramref name="userName"/>; returns the Hangfire job id.</summary>
    public async Task<string> RunNowAsync(string userName, string connectionId, int diagram, CancellationToken cancellationToken)
    {
        Validate(connectionId, diagram);
        var jobId = jobs.Enqueue<DiagramRunner>(JobQueues.Of(diagram), r => r.RunAsync(connectionId, diagram, userName, CancellationToken.None));
        await audit.WriteAsync(userName, AuditLog.RunNow, TargetType, DiagramSchedule.JobId(connectionId, diagram), details: $"job {jobId}", cancellationToken: cancellationToken);
        return jobId;
    }

    /// <summary>Turns the scheduled runs of a (connection, diagram) on or off. Manual runs stay possible.</summary>
    public async Task SetEnabledAsync(string userName, string connectionId, int diagram, bool enabled, CancellationToken cancellationToken)
    {
        Validate(connectionId, diagram);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var setting = await db.DiagramSettings.SingleOrDefaultAsync(s => s.ConnectionId == connectionId && s.Diagram == diagram, cancellationToken);
            if (setting is null)
            {
                db.DiagramSettings.Add(new DiagramSetting { ConnectionId = connectionId, Diagram = diagram, Enabled = enabled, UpdatedAtUtc = now });
            }
            else
            {
                setting.Enabled = enabled;
                setting.UpdatedAtUtc = now;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (setting is null && DbExceptions.IsUniqueViolation(ex))
            {
                // Someone inserted the row meanwhile: update theirs.
                db.ChangeTracker.Clear();
                await db.DiagramSettings
                    .Where(s => s.ConnectionId == connectionId && s.Diagram == diagram)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Enabled, enabled).SetProperty(x => x.UpdatedAtUtc, now), cancellationToken);
            }
        }

        await audit.WriteAsync(
            userName,
            enabled ? AuditLog.DiagramEnabled : AuditLog.DiagramDisabled,
            TargetType,
            DiagramSchedule.JobId(connectionId, diagram),
            cancellationToken: cancellationToken);
    }

    private void Validate(string connectionId, int diagram)
    {
        if (!DiagramCatalog.TryGet(diagram, out _))
        {
            throw new InvalidOperationException($"Diagram {diagram:00} is not in the catalogue.");
        }

        if (!options.CurrentValue.Connections.Any(c => c.Id == connectionId))
        {
            throw new InvalidOperationException($"Unknown connection '{connectionId}'.");
        }
    }
}
