using System.Globalization;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Health;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// What each rule kind finds at one evaluation. Every read is index-backed and bounded, whatever the size of the
/// message table (which is never read):
/// <list type="bullet">
/// <item>diagram rules seek <c>DiagramRuns (ConnectionId, Diagram, StartedAtUtc)</c>, one seek per connection and diagram;</item>
/// <item>order rules go through <see cref="OrderStuckRules"/> (in-flight stages of <c>HubOrders</c>, invoices by parent);</item>
/// <item>the breaker rule reads the in-process breaker states and since when they are open from the connection health
/// (<see cref="IConnectionHealth"/>, the source the health page and the header indicator read too).</item>
/// </list>
/// </summary>
public sealed class AlertConditions(IConnectionHealth health, AlertText text)
{
    public async Task<IReadOnlyList<AlertFinding>> FindAsync(
        IpaasDbContext db, AlertRule rule, IReadOnlyList<string> connections, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(connections);
        var scope = rule.ConnectionId is { Length: > 0 } only ? [only] : connections;
        var findings = new List<AlertFinding>();
        switch (rule.Kind)
        {
            case AlertRuleKind.DiagramFailureRate:
                foreach (var connection in scope)
                {
                    foreach (var diagram in Diagrams(rule))
                    {
                        if (await FailureRateAsync(db, rule, connection, diagram, nowUtc, cancellationToken) is { } finding)
                        {
                            findings.Add(finding);
                        }
                    }
                }

                break;

            case AlertRuleKind.DiagramSilent:
                var disabled = await db.DiagramSettings.AsNoTracking().Where(s => !s.Enabled).Select(s => new { s.ConnectionId, s.Diagram }).ToListAsync(cancellationToken);
                foreach (var connection in scope)
                {
                    foreach (var diagram in Diagrams(rule))
                    {
                        if (disabled.Any(d => d.ConnectionId == connection && d.Diagram == diagram))
                        {
                            continue; // a diagram switched off by an operator is silent on purpose
                        }

                        if (await SilenceAsync(db, rule, connection, diagram, nowUtc, cancellationToken) is { } finding)
                        {
                            findings.Add(finding);
                        }
                    }
                }

                break;

            case AlertRuleKind.BreakerOpen:
                var cutoff = nowUtc.AddMinutes(-rule.Minutes);

                // One breaker per connection and system: the VTEX account host's APIs (catalog, logistics, OMS) share one.
                var breakers = health.Snapshot()
                    .Select(a => (a.ConnectionId, System: ConnectorApis.SystemOf(a.Api).ToString(), a.BreakerOpenSinceUtc))
                    .DistinctBy(b => (b.ConnectionId, b.System));
                foreach (var breaker in breakers)
                {
                    if (breaker.BreakerOpenSinceUtc is { } since && since <= cutoff && scope.Contains(breaker.ConnectionId, StringComparer.Ordinal)
                        && (string.IsNullOrEmpty(rule.System) || string.Equals(rule.System, breaker.System, StringComparison.OrdinalIgnoreCase)))
                    {
                        findings.Add(new AlertFinding(
                            $"{breaker.ConnectionId}/{breaker.System}", breaker.ConnectionId, text["AlertText.BreakerOpen", breaker.System, breaker.ConnectionId, AlertText.Time(since)], "saude"));
                    }
                }

                break;

            case AlertRuleKind.OrderNotInErp or AlertRuleKind.InvoiceNotInVtex or AlertRuleKind.CancelNotConfirmed:
                // One episode per order (ADR-022 amendment): it opens when the order misses the step for N minutes and
                // resolves when the order moves on; the notifications of one evaluation are one digest per connection.
                foreach (var connection in scope)
                {
                    foreach (var order in await OrderStuckRules.ListAsync(db, rule.Kind, connection, nowUtc.AddMinutes(-rule.Minutes), cancellationToken))
                    {
                        findings.Add(new AlertFinding(
                            $"{connection}/{order.OrderId}",
                            connection,
                            text["AlertText." + rule.Kind, order.OrderId, connection, rule.Minutes, AlertText.Time(order.SinceUtc), text["OrderStage." + order.Stage]],
                            $"pedidos/{Uri.EscapeDataString(order.OrderId)}",
                            order.OrderId));
                    }
                }

                break;

            default:
                throw new InvalidOperationException($"Unknown alert rule kind '{rule.Kind}'.");
        }

        return findings;
    }

    private static IEnumerable<int> Diagrams(AlertRule rule) =>
        rule.Diagram is { } one ? [one] : DiagramCatalog.All.Select(d => d.Number);

    /// <summary>Failed items / (sent + failed) of the runs started in the window; a run that failed as a whole counts as one failed item.</summary>
    private async Task<AlertFinding?> FailureRateAsync(IpaasDbContext db, AlertRule rule, string connection, int diagram, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var since = nowUtc.AddMinutes(-rule.Minutes);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.ConnectionId == connection && r.Diagram == diagram && r.StartedAtUtc >= since)
            .Select(r => new { r.Sent, r.Failed, r.Status })
            .ToListAsync(cancellationToken);
        var failed = runs.Sum(r => (long)r.Failed + (r.Status == RunStatus.Failed ? 1 : 0));
        var total = runs.Sum(r => (long)r.Sent) + failed;
        if (total == 0 || total < rule.MinimumItems || failed * 100 < (long)rule.ThresholdPercent * total)
        {
            return null;
        }

        var percent = (int)Math.Round(failed * 100.0 / total);
        return new AlertFinding(
            $"{connection}/{diagram.ToString("00", CultureInfo.InvariantCulture)}",
            connection,
            text["AlertText.DiagramFailureRate", Label(diagram), connection, percent, failed, total, rule.Minutes],
            $"mensagens?conexao={Uri.EscapeDataString(connection)}&diagrama={diagram}&situacao=erro");
    }

    /// <summary>No Completed run for N minutes, counted from the last one, or from the rule's last change when there is none since.</summary>
    private async Task<AlertFinding?> SilenceAsync(IpaasDbContext db, AlertRule rule, string connection, int diagram, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var last = await db.Runs.AsNoTracking()
            .Where(r => r.ConnectionId == connection && r.Diagram == diagram && r.Status == RunStatus.Completed)
            .OrderByDescending(r => r.StartedAtUtc)
            .Select(r => (DateTime?)r.StartedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        var since = last is { } ran && ran > rule.UpdatedAtUtc ? ran : rule.UpdatedAtUtc;
        if (since > nowUtc.AddMinutes(-rule.Minutes))
        {
            return null;
        }

        var lastText = last is { } value ? AlertText.Time(value) : text["AlertText.Never"];
        return new AlertFinding(
            $"{connection}/{diagram.ToString("00", CultureInfo.InvariantCulture)}",
            connection,
            text["AlertText.DiagramSilent", Label(diagram), connection, rule.Minutes, lastText],
            "diagramas");
    }

    private static string Label(int diagram) =>
        DiagramCatalog.TryGet(diagram, out var d) ? $"{d.Number:00} {d.Name}" : diagram.ToString("00", CultureInfo.InvariantCulture);
}
