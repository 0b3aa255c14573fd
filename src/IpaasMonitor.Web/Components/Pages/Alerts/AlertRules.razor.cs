using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Alerts;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Alerts;

/// <summary>
/// <c>/alertas/regras</c> (Admins): the alert rules, edited and created in place; each save demands the admin policy on
/// the server and is audited with the values saved. Rules are switched off, not deleted, so their history stays.
/// </summary>
public sealed partial class AlertRules
{
    private IReadOnlyList<AlertRule> rules = [];
    private IReadOnlyList<string> connections = [];
    private IReadOnlyList<string> webhookNames = [];
    private bool smtpConfigured;
    private AlertRule? editing;
    private string? error;
    private bool busy;

    [Inject]
    private AlertAdministration Alerts { get; set; } = default!;

    [Inject]
    private ConnectionDirectory Connections { get; set; } = default!;

    [Inject]
    private IOptionsMonitor<AlertOptions> Options { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    /// <summary>Saves the rule being edited (admin policy, audited).</summary>
    internal async Task SaveAsync()
    {
        var user = await CurrentUser.DemandAsync(Roles.AdminPolicy);
        if (editing is null)
        {
            return;
        }

        busy = true;
        try
        {
            error = await Alerts.SaveRuleAsync(user, editing, CancellationToken.None);
            if (error is null)
            {
                editing = null;
                Snackbar.Add(T["AlertRules.Saved"], Severity.Success);
                rules = await Alerts.RulesAsync(CancellationToken.None);
            }
        }
        finally
        {
            busy = false;
            StateHasChanged();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        rules = await Alerts.RulesAsync(CancellationToken.None);
        connections = await Connections.GetConnectionIdsAsync(CancellationToken.None);
        webhookNames = [.. Options.CurrentValue.Webhooks.Keys.Order(StringComparer.OrdinalIgnoreCase)];
        smtpConfigured = !string.IsNullOrWhiteSpace(Options.CurrentValue.Smtp.Host);
    }

    private void New()
    {
        error = null;
        editing = new AlertRule { Kind = AlertRuleKind.OrderNotInErp, Minutes = 15, ThresholdPercent = 50, MinimumItems = 20, Enabled = true };
    }

    /// <summary>Edits a copy, so cancelling leaves the list as it was.</summary>
    private void Edit(AlertRule rule)
    {
        error = null;
        editing = new AlertRule
        {
            Id = rule.Id,
            Name = rule.Name,
            Kind = rule.Kind,
            Enabled = rule.Enabled,
            ConnectionId = rule.ConnectionId,
            Diagram = rule.Diagram,
            System = rule.System,
            Minutes = rule.Minutes,
            ThresholdPercent = rule.ThresholdPercent,
            MinimumItems = rule.MinimumItems,
            EmailTo = rule.EmailTo,
            Webhooks = rule.Webhooks,
            UpdatedAtUtc = rule.UpdatedAtUtc,
        };
    }
}
