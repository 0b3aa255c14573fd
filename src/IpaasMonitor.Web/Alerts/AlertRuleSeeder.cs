using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// Seeds the default rules when the store has none (first start). Their channels come from
/// <see cref="AlertOptions.Defaults"/>, empty by default: the demo raises alerts on /alertas and sends nothing until
/// someone points a rule at recipients or a webhook. An Admin changes or switches them off on /alertas/regras.
/// </summary>
public sealed class AlertRuleSeeder(IDbContextFactory<IpaasDbContext> dbFactory, IOptions<AlertOptions> options, AlertText text, AlertClock clock)
{
    /// <summary>The shipped rules: (kind, minutes, threshold %, minimum items, diagram).</summary>
    public static IReadOnlyList<AlertRule> Defaults(Func<string, string> name) =>
    [
        new() { Kind = AlertRuleKind.DiagramFailureRate, Name = name("AlertRule.Default.DiagramFailureRate"), Minutes = 30, ThresholdPercent = 50, MinimumItems = 20 },
        new() { Kind = AlertRuleKind.DiagramSilent, Name = name("AlertRule.Default.DiagramSilent"), Minutes = 15, Diagram = 24 },
        new() { Kind = AlertRuleKind.BreakerOpen, Name = name("AlertRule.Default.BreakerOpen"), Minutes = 5 },
        new() { Kind = AlertRuleKind.OrderNotInErp, Name = name("AlertRule.Default.OrderNotInErp"), Minutes = 15 },
        new() { Kind = AlertRuleKind.InvoiceNotInVtex, Name = name("AlertRule.Default.InvoiceNotInVtex"), Minutes = 30 },
        new() { Kind = AlertRuleKind.CancelNotConfirmed, Name = name("AlertRule.Default.CancelNotConfirmed"), Minutes = 30 },
    ];

    /// <summary>Adds the default rules when there is no rule at all; returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AlertRules.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var defaults = options.Value.Defaults;
        var now = clock.UtcNow;
        var rules = Defaults(key => text[key]);
        foreach (var rule in rules)
        {
            rule.EmailTo = string.IsNullOrWhiteSpace(defaults.EmailTo) ? null : defaults.EmailTo.Trim();
            rule.Webhooks = string.IsNullOrWhiteSpace(defaults.Webhooks) ? null : defaults.Webhooks.Trim();
            rule.UpdatedAtUtc = now;
        }

        db.AlertRules.AddRange(rules);
        await db.SaveChangesAsync(cancellationToken);
        return rules.Count;
    }
}
