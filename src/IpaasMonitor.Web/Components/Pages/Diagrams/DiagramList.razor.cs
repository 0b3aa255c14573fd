using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Diagrams;

/// <summary>
/// The 39 diagrams, implemented or not, their last run per connection, and per (connection, implemented diagram)
/// the schedule state; operators can run now and enable or disable the schedule. Each action demands the operate
/// policy on the server before acting: the buttons are only hidden for viewers.
/// </summary>
public sealed partial class DiagramList
{
    private ILookup<int, DiagramRun> runs = Array.Empty<DiagramRun>().ToLookup(r => r.Diagram);
    private IReadOnlyList<string> connections = [];
    private IReadOnlySet<(string ConnectionId, int Diagram)> disabled = new HashSet<(string, int)>();
    private bool canOperate;
    private bool busy;

    [Inject]
    private DiagramRunQueries RunQueries { get; set; } = default!;

    [Inject]
    private DiagramActions Actions { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    /// <summary>Enqueues a run of the diagram for the connection, triggered by the current user (audited).</summary>
    internal async Task RunNowAsync(string connectionId, int diagram)
    {
        var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
        busy = true;
        try
        {
            await Actions.RunNowAsync(user, connectionId, diagram, CancellationToken.None);
            Snackbar.Add(T["Diagrams.RunQueued", Number(diagram), connectionId], Severity.Success);
        }
        finally
        {
            busy = false;
            StateHasChanged();
        }
    }

    /// <summary>Turns the diagram's scheduled runs for the connection on or off (audited).</summary>
    internal async Task SetEnabledAsync(string connectionId, int diagram, bool enabled)
    {
        var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
        busy = true;
        try
        {
            await Actions.SetEnabledAsync(user, connectionId, diagram, enabled, CancellationToken.None);
            disabled = await Actions.GetDisabledAsync(CancellationToken.None);
            Snackbar.Add(T[enabled ? "Diagrams.EnabledSnack" : "Diagrams.DisabledSnack", Number(diagram), connectionId], Severity.Success);
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
        connections = Actions.ConnectionIds;
        disabled = await Actions.GetDisabledAsync(CancellationToken.None);
        var latest = await RunQueries.GetLatestRunsAsync(CancellationToken.None);
        runs = latest.OrderBy(r => r.ConnectionId, StringComparer.Ordinal).ToLookup(r => r.Diagram);
    }

    private static string Number(int diagram) => diagram.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private static Color RunColor(RunStatus status) => status switch
    {
        RunStatus.Completed => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Running => Color.Info,
        _ => Color.Default,
    };

    private bool IsEnabled(string connectionId, int diagram) => !disabled.Contains((connectionId, diagram));

    private List<DiagramRun> RunsOf(int diagram) => runs[diagram].ToList();
}
