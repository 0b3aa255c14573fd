using Hangfire;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// The recurring alert job (every minute, ADR-022). For each rule it compares what holds now (<see cref="AlertConditions"/>)
/// with the rule's open alerts: a new subject opens an alert, a subject still there keeps its alert open (summary and
/// last-seen refreshed, nothing sent), an open alert whose subject is gone is resolved. Opening and resolving write the
/// notifications of the rule's channels to the outbox in the same transaction; the delivery job sends them, so a
/// slow or failing channel never holds this job. One notification per channel per opening and per resolution, and for the
/// per-order rules one digest per channel, connection and evaluation for all the orders that started or stopped
/// missing their step: no storm.
/// </summary>
public sealed class AlertEvaluator(
    IDbContextFactory<IpaasDbContext> dbFactory,
    AlertConditions conditions,
    AlertOutbox outbox,
    AlertClock clock,
    IOptionsMonitor<IpaasMonitorOptions> connections,
    IBackgroundJobClient jobs,
    ILogger<AlertEvaluator> logger)
{
    public const string RecurringJobId = "alert-evaluator";

    /// <summary>Evaluates every rule once; returns how many alerts opened and resolved.</summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue(AlertsServiceCollectionExtensions.Queue)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Avaliação de alertas")]
    public async Task<AlertEvaluation> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var connectionIds = connections.CurrentValue.Connections.Select(c => c.Id).Where(id => id.Length > 0).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var total = new AlertEvaluation(0, 0, 0);
        foreach (var rule in rules)
        {
            try
            {
                total += await EvaluateRuleAsync(rule, connectionIds, now, cancellationToken);
            }
            catch (DbUpdateException ex) when (DbExceptions.IsUniqueViolation(ex))
            {
                // Another evaluator opened the same episode first (two nodes): its alert stands, ours is not written.
                logger.LogInformation("Alert rule {RuleId}: an episode was opened by another evaluator", rule.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken rule must not silence the others: logged, and the next minute tries again.
                logger.LogError(ex, "Alert rule {RuleId} ({RuleName}) could not be evaluated", rule.Id, rule.Name);
            }
        }

        if (total.Notifications > 0)
        {
            jobs.Enqueue<NotificationDispatcher>(d => d.DeliverAsync(CancellationToken.None));
        }

        if (total.Opened > 0 || total.Resolved > 0)
        {
            logger.LogInformation("Alerts: {Opened} opened, {Resolved} resolved, {Notifications} notification(s) queued", total.Opened, total.Resolved, total.Notifications);
        }

        return total;
    }

    private async Task<AlertEvaluation> EvaluateRuleAsync(AlertRule rule, IReadOnlyList<string> connectionIds, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The whole evaluation is one unit of the execution strategy: a retrying strategy (SQL Server, PostgreSQL) refuses a
        // transaction begun outside one, and re-runs the unit from a clean change tracker, reading the alerts again (ADR-020).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var findings = rule.Enabled ? await conditions.FindAsync(db, rule, connectionIds, now, cancellationToken) : [];
            var open = await db.Alerts.Where(a => a.RuleId == rule.Id && a.OpenSubject != null).ToListAsync(cancellationToken);
            var bySubject = findings.GroupBy(f => f.Subject, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var changes = new List<(Alert Alert, AlertEvent Event, string? Link)>();

            foreach (var alert in open)
            {
                if (bySubject.Remove(alert.Subject, out var still))
                {
                    alert.Summary = Fit(still.Summary);
                    alert.LastSeenAtUtc = now;
                }
                else
                {
                    alert.OpenSubject = null;
                    alert.ResolvedAtUtc = now;
                    changes.Add((alert, AlertEvent.Resolved, null));
                }
            }

            foreach (var finding in bySubject.Values)
            {
                var alert = new Alert
                {
                    RuleId = rule.Id,
                    Subject = finding.Subject,
                    OpenSubject = finding.Subject,
                    ConnectionId = finding.ConnectionId,
                    Summary = Fit(finding.Summary),
                    OpenedAtUtc = now,
                    LastSeenAtUtc = now,
                };
                db.Alerts.Add(alert);
                changes.Add((alert, AlertEvent.Opened, finding.Link));
            }

            // The alerts first (a new one needs its id), then their notifications, in one transaction: an episode is never
            // recorded without its notifications, nor notified without being recorded.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            int notifications;
            if (OrderStuckRules.IsOrderRule(rule.Kind))
            {
                // Per-order episodes: one digest per connection and event for what this evaluation changed (no storm).
                notifications = changes.GroupBy(c => (c.Alert.ConnectionId ?? "", c.Event))
                    .Sum(g => outbox.AddDigest(db, rule, g.Key.Item1, [.. g.Select(c => c.Alert)], g.Key.Event, now));
            }
            else
            {
                notifications = changes.Sum(c => outbox.Add(db, rule, c.Alert, c.Event, c.Link, now));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new AlertEvaluation(changes.Count(c => c.Event == AlertEvent.Opened), changes.Count(c => c.Event == AlertEvent.Resolved), notifications);
        });
    }

    private static string Fit(string summary) => summary.Length <= Alert.SummaryMaxLength ? summary : summary[..(Alert.SummaryMaxLength - 1)] + "…";
}

/// <summary>What one evaluation did.</summary>
public readonly record struct AlertEvaluation(int Opened, int Resolved, int Notifications)
{
    public static AlertEvaluation operator +(AlertEvaluation a, AlertEvaluation b) =>
        new(a.Opened + b.Opened, a.Resolved + b.Resolved, a.Notifications + b.Notifications);

    public static AlertEvaluation Add(AlertEvaluation a, AlertEvaluation b) => a + b;
}
