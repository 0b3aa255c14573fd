using Cronos;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>How a (connection, diagram) is doing against its schedule.</summary>
public enum VerdictKind
{
    /// <summary>Ran when the schedule said, its last run ended well, its watermark moves.</summary>
    Healthy,

    /// <summary>Running now, started on time.</summary>
    Running,

    /// <summary>Its scheduled runs are switched off.</summary>
    Disabled,

    /// <summary>No run yet (a new connection or a fresh start before its first time).</summary>
    NotYetRun,

    /// <summary>A scheduled time passed (beyond the grace) and no run started at or after it.</summary>
    Missed,

    /// <summary>A scheduled time fell while the previous run was still going: that run was skipped.</summary>
    Overlapping,

    /// <summary>The last run ended by an error of the run itself.</summary>
    LastRunFailed,

    /// <summary>The ERP read's watermark has not moved for longer than <see cref="OverviewOptions.WatermarkStaleAfter"/>.</summary>
    StaleWatermark,
}

/// <summary>A (connection, diagram)'s schedule, runs and verdict at one instant.</summary>
public sealed record DiagramVerdict(
    string ConnectionId,
    int Diagram,
    string Cron,
    bool Enabled,
    VerdictKind Kind,
    DateTime? NextRunUtc,
    DateTime? LastExpectedUtc,
    DiagramRun? LastRun,
    DateTime? LastSuccessUtc,
    DateTime? WatermarkMovedUtc,
    long UnresolvedFailures)
{
    /// <summary>Attention needed (missed, overlapping, failed or stale); running, disabled and not-yet-run are not problems.</summary>
    public bool NeedsAttention => Kind is VerdictKind.Missed or VerdictKind.Overlapping or VerdictKind.LastRunFailed or VerdictKind.StaleWatermark;

    /// <summary>How long since the last successful run ended (null when there was none): for "no success for N minutes".</summary>
    public TimeSpan? SinceLastSuccess(DateTime nowUtc) => LastSuccessUtc is { } success ? nowUtc - success : null;
}

/// <summary>
/// Judges every (connection, diagram) against its schedule: the cron (the connection's override or the catalogue's,
/// in São Paulo time), what ran (the latest run and the last successful one), the watermark, the unresolved failures.
/// The diagrams page shows it; the alert rules can read <see cref="GetAsync"/> ("no successful run for N minutes":
/// <see cref="DiagramVerdict.SinceLastSuccess"/>).
/// </summary>
public sealed class DiagramVerdicts(
    IDbContextFactory<IpaasDbContext> dbFactory,
    OverviewQueries overview,
    IOptionsMonitor<IpaasMonitorOptions> connections,
    IOptionsMonitor<OverviewOptions> options,
    TimeProvider time)
{
    /// <summary>The verdict of every configured connection × catalogue row.</summary>
    public async Task<IReadOnlyList<DiagramVerdict>> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<DiagramSetting> settings;
        List<Watermark> watermarks;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.DiagramSettings.AsNoTracking().ToListAsync(cancellationToken);
            watermarks = await db.Watermarks.AsNoTracking().ToListAsync(cancellationToken);
        }

        var runs = (await overview.GetLastRunsAsync(cancellationToken)).ToDictionary(r => (r.ConnectionId, r.Diagram));
        var failures = (await overview.CountUnresolvedFailuresAsync(cancellationToken)).ToDictionary(f => (f.ConnectionId, f.Diagram), f => f.Count);
        var ids = connections.CurrentValue.Connections.Select(c => c.Id).Where(id => id.Length > 0).Order(StringComparer.Ordinal).ToList();
        var verdicts = new List<DiagramVerdict>(ids.Count * DiagramCatalog.All.Count);
        foreach (var connectionId in ids)
        {
            foreach (var definition in DiagramCatalog.All)
            {
                var setting = settings.FirstOrDefault(s => s.ConnectionId == connectionId && s.Diagram == definition.Number);
                runs.TryGetValue((connectionId, definition.Number), out var last);
                var watermark = watermarks.FirstOrDefault(w => w.ConnectionId == connectionId && w.Diagram == definition.Number);
                verdicts.Add(Judge(
                    connectionId, definition.Number, setting?.Cron ?? definition.Cron, setting?.Enabled ?? true, last?.Latest, last?.LastSuccessUtc,
                    watermark?.UpdatedAtUtc, failures.GetValueOrDefault((connectionId, definition.Number)), now, options.CurrentValue));
            }
        }

        return verdicts;
    }

    /// <summary>The verdict from the facts (pure: the page's tests and the alert rules can call it directly).</summary>
    public static DiagramVerdict Judge(
        string connectionId,
        int diagram,
        string cron,
        bool enabled,
        DiagramRun? lastRun,
        DateTime? lastSuccessUtc,
        DateTime? watermarkMovedUtc,
        long unresolvedFailures,
        DateTime nowUtc,
        OverviewOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var expression = TryParse(cron);
        var next = expression?.GetNextOccurrence(nowUtc, DiagramSchedule.SaoPaulo);
        var lastExpected = expression is null ? null : PreviousOccurrence(expression, nowUtc - settings.MissedRunGrace);
        var kind = Kind(enabled, lastRun, lastExpected, watermarkMovedUtc, nowUtc, settings);
        return new DiagramVerdict(connectionId, diagram, cron, enabled, kind, enabled ? next : null, lastExpected, lastRun, lastSuccessUtc, watermarkMovedUtc, unresolvedFailures);
    }

    /// <summary>The next time the cron fires after <paramref name="nowUtc"/> (São Paulo time zone), or null for an invalid cron.</summary>
    public static DateTime? NextRun(string cron, DateTime nowUtc) => TryParse(cron)?.GetNextOccurrence(nowUtc, DiagramSchedule.SaoPaulo);

    private static VerdictKind Kind(bool enabled, DiagramRun? lastRun, DateTime? lastExpected, DateTime? watermarkMovedUtc, DateTime nowUtc, OverviewOptions settings)
    {
        if (!enabled)
        {
            return VerdictKind.Disabled;
        }

        if (lastRun is null)
        {
            return VerdictKind.NotYetRun;
        }

        if (lastExpected is { } expected && lastRun.StartedAtUtc < expected)
        {
            // The last time the schedule fired (grace included) came after the latest run started: either it fell
            // while that run was going (skipped: overlapping) or nothing ran at all (missed).
            var end = lastRun.EndedAtUtc ?? nowUtc;
            return end > expected ? VerdictKind.Overlapping : VerdictKind.Missed;
        }

        if (lastRun.Status == RunStatus.Running)
        {
            return VerdictKind.Running;
        }

        if (lastRun.Status is RunStatus.Failed or RunStatus.Interrupted)
        {
            return VerdictKind.LastRunFailed;
        }

        return watermarkMovedUtc is { } moved && nowUtc - moved > settings.WatermarkStaleAfter ? VerdictKind.StaleWatermark : VerdictKind.Healthy;
    }

    private static CronExpression? TryParse(string cron) =>
        CronExpression.TryParse(cron, CronFormat.Standard, out var expression) ? expression : null;

    // The latest occurrence at or before 'until': searched back an hour, a day, then eight days (a daily or weekly cron).
    private static DateTime? PreviousOccurrence(CronExpression expression, DateTime until)
    {
        foreach (var back in (ReadOnlySpan<TimeSpan>)[TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(8)])
        {
            DateTime? last = null;
            foreach (var occurrence in expression.GetOccurrences(until - back, until, DiagramSchedule.SaoPaulo, fromInclusive: true, toInclusive: true))
            {
                last = occurrence;
            }

            if (last is not null)
            {
                return last;
            }
        }

        return null;
    }
}
