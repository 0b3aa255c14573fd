using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Alerts;

/// <summary>One alert as /alertas lists it, with its rule's name and kind.</summary>
public sealed record AlertRow(Alert Alert, string RuleName, AlertRuleKind Kind);

/// <summary>
/// The reads and actions of /alertas and /alertas/regras: open alerts, the history (keyset by id, newest first), the
/// notifications of the alerts shown, acknowledging (Operator, audited) and editing rules (Admin, audited). The caller
/// checks the policy first (<see cref="Monitoring.ICurrentUser.DemandAsync"/>).
/// </summary>
public sealed class AlertAdministration(IDbContextFactory<IpaasDbContext> dbFactory, AuditLog audit, AlertClock clock)
{
    public const string AlertTarget = "alert";
    public const string RuleTarget = "alert-rule";

    /// <summary>The open alerts, oldest first (the longest-standing problem on top).</summary>
    public async Task<IReadOnlyList<AlertRow>> OpenAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from a in db.Alerts.AsNoTracking()
                          join r in db.AlertRules.AsNoTracking() on a.RuleId equals r.Id
                          where a.OpenSubject != null
                          orderby a.Id
                          select new { Alert = a, r.Name, r.Kind }).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new AlertRow(x.Alert, x.Name, x.Kind))];
    }

    /// <summary>Alerts with an id below <paramref name="beforeId"/> (all when null), newest first: one page of the history.</summary>
    public async Task<IReadOnlyList<AlertRow>> HistoryAsync(long? beforeId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = db.Alerts.AsNoTracking();
        if (beforeId is { } before)
        {
            alerts = alerts.Where(a => a.Id < before);
        }

        var rows = await (from a in alerts
                          join r in db.AlertRules.AsNoTracking() on a.RuleId equals r.Id
                          orderby a.Id descending
                          select new { Alert = a, r.Name, r.Kind }).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new AlertRow(x.Alert, x.Name, x.Kind))];
    }

    /// <summary>
    /// The notifications of the given alerts, by alert, oldest first. An episode of an order rule was notified in its
    /// evaluation's digest (ADR-022 amendment), attached to the first episode the evaluation opened (or resolved) for the
    /// same rule and connection: that one's notifications of the event are the episode's too.
    /// </summary>
    public async Task<ILookup<long, AlertNotification>> NotificationsAsync(IReadOnlyCollection<AlertRow> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return Array.Empty<AlertNotification>().ToLookup(n => n.AlertId);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The digest leaders: per (rule, connection, evaluation time) of the order episodes shown, the lowest id.
        var leaders = new Dictionary<long, (long? Opened, long? Resolved)>();
        var orderAlerts = alerts.Where(r => OrderStuckRules.IsOrderRule(r.Kind)).Select(r => r.Alert).ToList();
        if (orderAlerts.Count > 0)
        {
            var ruleIds = orderAlerts.Select(a => a.RuleId).Distinct().ToList();
            var openedTimes = orderAlerts.Select(a => a.OpenedAtUtc).Distinct().ToList();
            var resolvedTimes = orderAlerts.Where(a => a.ResolvedAtUtc is not null).Select(a => a.ResolvedAtUtc!.Value).Distinct().ToList();
            var opened = await db.Alerts.AsNoTracking()
                .Where(a => ruleIds.Contains(a.RuleId) && openedTimes.Contains(a.OpenedAtUtc))
                .GroupBy(a => new { a.RuleId, a.ConnectionId, a.OpenedAtUtc })
                .Select(g => new { g.Key.RuleId, g.Key.ConnectionId, At = g.Key.OpenedAtUtc, Leader = g.Min(a => a.Id) })
                .ToListAsync(cancellationToken);
            var resolved = resolvedTimes.Count == 0 ? [] : await db.Alerts.AsNoTracking()
                .Where(a => ruleIds.Contains(a.RuleId) && a.ResolvedAtUtc != null && resolvedTimes.Contains(a.ResolvedAtUtc.Value))
                .GroupBy(a => new { a.RuleId, a.ConnectionId, At = a.ResolvedAtUtc!.Value })
                .Select(g => new { g.Key.RuleId, g.Key.ConnectionId, g.Key.At, Leader = g.Min(a => a.Id) })
                .ToListAsync(cancellationToken);
            foreach (var alert in orderAlerts)
            {
                leaders[alert.Id] = (
                    opened.FirstOrDefault(g => g.RuleId == alert.RuleId && g.ConnectionId == alert.ConnectionId && g.At == alert.OpenedAtUtc)?.Leader,
                    resolved.FirstOrDefault(g => g.RuleId == alert.RuleId && g.ConnectionId == alert.ConnectionId && g.At == alert.ResolvedAtUtc)?.Leader);
            }
        }

        var ids = alerts.Select(r => r.Alert.Id)
            .Concat(leaders.Values.SelectMany(l => new[] { l.Opened, l.Resolved }).Where(id => id is not null).Select(id => id!.Value))
            .Distinct().ToList();
        var rows = await db.AlertNotifications.AsNoTracking().Where(n => ids.Contains(n.AlertId)).OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var byAlert = rows.ToLookup(n => n.AlertId);
        return alerts.Select(r => r.Alert.Id).Distinct()
            .SelectMany(id => leaders.TryGetValue(id, out var leader)
                ? byAlert[leader.Opened ?? id].Where(n => n.Event == AlertEvent.Opened)
                    .Concat(byAlert[leader.Resolved ?? id].Where(n => n.Event == AlertEvent.Resolved))
                    .OrderBy(n => n.Id).Select(n => (id, n))
                : byAlert[id].Select(n => (id, n)))
            .ToLookup(x => x.id, x => x.n);
    }

    /// <summary>Marks an alert as seen by <paramref name="userName"/> (once; audited). False when it is unknown or already acknowledged.</summary>
    public async Task<bool> AcknowledgeAsync(string userName, long alertId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var changed = await db.Alerts.Where(a => a.Id == alertId && a.AcknowledgedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.AcknowledgedAtUtc, now).SetProperty(a => a.AcknowledgedBy, userName), cancellationToken);
            if (changed == 0)
            {
                return false;
            }
        }

        await audit.WriteAsync(userName, AuditLog.AlertAcknowledged, AlertTarget, alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<AlertRule>> RulesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>What is wrong with a rule (a UI text key), or null when it can be saved.</summary>
    public static string? Validate(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > AlertRule.NameMaxLength)
        {
            return "AlertRules.Error.Name";
        }

        if (rule.Minutes is < 1 or > 10_080)
        {
            return "AlertRules.Error.Minutes";
        }

        if (rule.Kind == AlertRuleKind.DiagramFailureRate && (rule.ThresholdPercent is < 1 or > 100 || rule.MinimumItems < 0))
        {
            return "AlertRules.Error.Threshold";
        }

        if (rule.Diagram is { } diagram && !DiagramCatalog.TryGet(diagram, out _))
        {
            return "AlertRules.Error.Diagram";
        }

        if ((rule.EmailTo?.Length ?? 0) > AlertRule.ChannelsMaxLength || (rule.Webhooks?.Length ?? 0) > AlertRule.ChannelsMaxLength)
        {
            return "AlertRules.Error.Channels";
        }

        foreach (var address in AlertOutbox.Split(rule.EmailTo))
        {
            if (!MimeKit.MailboxAddress.TryParse(address, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
            {
                return "AlertRules.Error.Email";
            }
        }

        return null;
    }

    /// <summary>Creates (Id 0) or updates a rule (audited with the values saved). Returns the error key, or null when saved.</summary>
    public async Task<string?> SaveRuleAsync(string userName, AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Name = rule.Name?.Trim() ?? "";
        rule.ConnectionId = string.IsNullOrWhiteSpace(rule.ConnectionId) ? null : rule.ConnectionId.Trim();
        rule.System = string.IsNullOrWhiteSpace(rule.System) ? null : rule.System.Trim();
        rule.EmailTo = AlertOutbox.Split(rule.EmailTo) is { Count: > 0 } emails ? string.Join(", ", emails) : null;
        rule.Webhooks = AlertOutbox.Split(rule.Webhooks) is { Count: > 0 } hooks ? string.Join(", ", hooks) : null;
        if (Validate(rule) is { } error)
        {
            return error;
        }

        rule.UpdatedAtUtc = clock.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (rule.Id == 0)
            {
                db.AlertRules.Add(rule);
            }
            else if (await db.AlertRules.AnyAsync(r => r.Id == rule.Id, cancellationToken))
            {
                db.AlertRules.Update(rule);
            }
            else
            {
                return "AlertRules.Error.NotFound";
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var details = $"{rule.Kind} enabled={rule.Enabled} minutes={rule.Minutes} threshold={rule.ThresholdPercent} minimum={rule.MinimumItems} " +
            $"connection={rule.ConnectionId ?? "*"} diagram={rule.Diagram?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"} system={rule.System ?? "*"} " +
            $"email={rule.EmailTo ?? "-"} webhooks={rule.Webhooks ?? "-"}";
        await audit.WriteAsync(userName, AuditLog.AlertRuleChanged, RuleTarget, rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), details: details, cancellationToken: cancellationToken);
        return null;
    }
}
