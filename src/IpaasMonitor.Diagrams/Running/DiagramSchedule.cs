using Hangfire;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Registers one recurring job per (connection, catalogue row), plus the sweeper, the retention purge, the
/// business-key index merge and the failure groups' refresh.
/// </summary>
public sealed class DiagramSchedule(
    IRecurringJobManager recurringJobs,
    IDbContextFactory<IpaasDbContext> dbFactory,
    IOptionsMonitor<IpaasMonitorOptions> options)
{
    public static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    /// <summary>The failure groups' summary, rebuilt every minute (ADR-017).</summary>
    public const string FailureGroupRefreshJobId = "failure-groups";

    public static string JobId(string connectionId, int diagram) => $"{connectionId}:D{diagram:00}";

    public async Task RegisterAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.DiagramSettings.AsNoTracking().ToListAsync(cancellationToken);
        var jobOptions = new RecurringJobOptions { TimeZone = SaoPaulo };
        foreach (var connection in options.CurrentValue.Connections)
        {
            foreach (var definition in DiagramCatalog.All)
            {
                var cron = settings.FirstOrDefault(s => s.ConnectionId == connection.Id && s.Diagram == definition.Number)?.Cron ?? definition.Cron;
                var connectionId = connection.Id;
                var number = definition.Number;
                recurringJobs.AddOrUpdate<DiagramRunner>(
                    JobId(connectionId, number),
                    definition.Queue,
                    r => r.RunAsync(connectionId, number, Triggers.Scheduler, CancellationToken.None),
                    cron,
                    jobOptions);
            }
        }

        // Short bookkeeping on the maintenance workers, never behind long diagram runs (ADR-027 amendment). The purge and the
        // merge stay on the default queue: each can take minutes on a big store and would hold a maintenance worker, while
        // a few minutes' delay costs them nothing (a cut purge is resumed at start; the recent index just grows a little).
        recurringJobs.AddOrUpdate<RequeueSweeper>(
            RequeueSweeper.RecurringJobId, JobQueues.Maintenance, s => s.SweepAsync(false, CancellationToken.None), Cron.Minutely(), jobOptions);
        recurringJobs.AddOrUpdate<FailureGroupQueries>(
            FailureGroupRefreshJobId, JobQueues.Maintenance, g => g.RefreshAsync(true, CancellationToken.None), Cron.Minutely(), jobOptions);
        recurringJobs.AddOrUpdate<MessageRetention>(
            MessageRetention.RecurringJobId, DiagramDefinition.DefaultQueue, r => r.PurgeAsync(CancellationToken.None), MessageRetention.Cron, jobOptions);
        recurringJobs.AddOrUpdate<BusinessKeyIndexMerge>(
            BusinessKeyIndexMerge.RecurringJobId, DiagramDefinition.DefaultQueue, m => m.MergeAsync(CancellationToken.None), BusinessKeyIndexMerge.Cron, jobOptions);
    }
}
