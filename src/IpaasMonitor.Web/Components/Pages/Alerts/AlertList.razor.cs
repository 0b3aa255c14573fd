using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Alerts;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Alerts;

/// <summary>
/// <c>/alertas</c>: the open alerts (oldest first) with what the evaluator saw last and the delivery state of each
/// notification, acknowledged by an Operator (checked on the server, audited), and the history of every episode,
/// keyset-paged by id, newest first.
/// </summary>
public sealed partial class AlertList
{
    public const int PageSize = 50;

    private IReadOnlyList<AlertRow> open = [];
    private IReadOnlyList<AlertRow> history = [];
    private ILookup<long, AlertNotification> notifications = Array.Empty<AlertNotification>().ToLookup(n => n.AlertId);
    private long? beforeId;
    private bool canOperate;
    private bool busy;

    [Inject]
    private AlertAdministration Alerts { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    /// <summary>Acknowledges an open alert as the current user (operate policy, audited).</summary>
    internal async Task AcknowledgeAsync(long alertId)
    {
        var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
        busy = true;
        try
        {
            var done = await Alerts.AcknowledgeAsync(user, alertId, CancellationToken.None);
            Snackbar.Add(T[done ? "Alerts.AcknowledgedSnack" : "Alerts.AlreadyAcknowledged"], done ? Severity.Success : Severity.Info);
            await LoadAsync();
        }
        finally
        {
            busy = false;
            StateHasChanged();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        canOperate = await CurrentUser.IsAllowedAsync(Roles.OperatePolicy);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        open = await Alerts.OpenAsync(CancellationToken.None);
        history = await Alerts.HistoryAsync(beforeId, PageSize, CancellationToken.None);
        notifications = await Alerts.NotificationsAsync([.. open.Concat(history).DistinctBy(r => r.Alert.Id)], CancellationToken.None);
    }

    /// <summary>The order of a per-order episode: its subject is <c>connection/orderId</c>.</summary>
    internal static string OrderOf(Alert alert) =>
        alert.ConnectionId is { Length: > 0 } connection && alert.Subject.StartsWith(connection + "/", StringComparison.Ordinal)
            ? alert.Subject[(connection.Length + 1)..]
            : alert.Subject;

    private static string OrderLink(Alert alert) => Orders.OrderTrace.Link(OrderOf(alert));

    private async Task PageAsync(long? before)
    {
        beforeId = before;
        await LoadAsync();
    }
}
