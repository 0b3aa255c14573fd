using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Diagrams;

/// <summary>
/// The 39 diagrams with, per connection, the schedule in words, the next run, the last run with its counts, the
/// unresolved failures and a verdict against the schedule (<see cref="DiagramVerdicts"/>); operators can run now and
/// enable or disable the schedule. After "run now" the page follows the run live (every <see cref="LiveInterval"/>)
/// until it has ended. Each action demands the operate policy on the server before acting: the buttons are only
/// hidden for viewers.
/// </summary>
public sealed partial class DiagramList : IDisposable
{
    /// <summary>How often the page reloads while a run asked for here has not ended.</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a run asked for here is followed at most.</summary>
    public static readonly TimeSpan LiveLimit = TimeSpan.FromMinutes(30);

    private readonly Dictionary<(string ConnectionId, int Diagram), DateTime> watched = [];
    private Dictionary<(string ConnectionId, int Diagram), DiagramVerdict> verdicts = [];
    private IReadOnlyList<string> connections = [];
    private IReadOnlySet<(string ConnectionId, int Diagram)> disabled = new HashSet<(string, int)>();
    private ITimer? liveTimer;
    private bool canOperate;
    private bool busy;

    [Inject]
    private DiagramVerdicts Verdicts { get; set; } = default!;

    [Inject]
    private DiagramActions Actions { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    public void Dispose() => liveTimer?.Dispose();

    /// <summary>Enqueues a run of the diagram for the connection, triggered by the current user (audited), and follows it live.</summary>
    internal async Task RunNowAsync(string connectionId, int diagram)
    {
        var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
        busy = true;
        try
        {
            var asked = Time.GetUtcNow().UtcDateTime;
            await Actions.RunNowAsync(user, connectionId, diagram, CancellationToken.None);
            Snackbar.Add(T["Diagrams.RunQueued", Number(diagram), connectionId], Severity.Success);
            watched[(connectionId, diagram)] = asked;
            liveTimer ??= Time.CreateTimer(_ => _ = InvokeAsync(RefreshLiveAsync), null, LiveInterval, LiveInterval);
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
            await LoadVerdictsAsync();
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
        await LoadVerdictsAsync();
    }

    private static string Number(int diagram) => diagram.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private static Color RunColor(RunStatus status) => status switch
    {
        RunStatus.Completed => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Interrupted => Color.Warning,
        RunStatus.Running => Color.Info,
        _ => Color.Default,
    };

    private static Color VerdictColor(VerdictKind kind) => kind switch
    {
        VerdictKind.Healthy => Color.Success,
        VerdictKind.Running => Color.Info,
        VerdictKind.Disabled or VerdictKind.NotYetRun => Color.Default,
        VerdictKind.StaleWatermark or VerdictKind.Overlapping => Color.Warning,
        _ => Color.Error,
    };

    private async Task RefreshLiveAsync()
    {
        var now = Time.GetUtcNow().UtcDateTime;
        await LoadVerdictsAsync();

        // A watched run is done once a run started at or after the request has ended (or after the limit).
        foreach (var (key, asked) in watched.ToList())
        {
            var run = verdicts.GetValueOrDefault(key)?.LastRun;
            if ((run is not null && run.StartedAtUtc >= asked.AddSeconds(-1) && run.Status != RunStatus.Running) || now - asked > LiveLimit)
            {
                watched.Remove(key);
            }
        }

        if (watched.Count == 0 && liveTimer is not null)
        {
            await liveTimer.DisposeAsync();
            liveTimer = null;
        }

        StateHasChanged();
    }

    private async Task LoadVerdictsAsync() =>
        verdicts = (await Verdicts.GetAsync(CancellationToken.None)).ToDictionary(v => (v.ConnectionId, v.Diagram));

    private DiagramVerdict? VerdictOf(string connectionId, int diagram) => verdicts.GetValueOrDefault((connectionId, diagram));

    private bool IsEnabled(string connectionId, int diagram) => !disabled.Contains((connectionId, diagram));
}
