using System.Globalization;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Overview;

/// <summary>
/// <c>/painel</c>: per connection, each area's last success, items in the last hour and 24 h, unresolved failures,
/// orders waiting per stage, and processed/failed per hour (24 h or 7 days, one area or all) as a chart. Every number
/// and bar links into the grid with the same filter. Read from the hourly counters (ADR-021); refreshed every 30 s.
/// </summary>
public sealed partial class OverviewPage : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private const string AllAreas = "";

    private readonly Dictionary<string, HourlySeries> series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiagramArea?> areas = new(StringComparer.Ordinal);
    private IReadOnlyList<ConnectionOverview>? overview;
    private int hours = 24;
    private DateTime nowUtc;
    private DateTime loadedUtc;
    private ITimer? timer;

    [Inject]
    private Monitoring.Overview Model { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    public void Dispose() => timer?.Dispose();

    /// <summary>A click on a bar: the grid filtered by the connection, the chart's area, the bar's situation and the chart's window.</summary>
    internal void OnBarClicked(string connectionId, int seriesIndex)
    {
        if (seriesIndex < 0)
        {
            return;
        }

        var situation = seriesIndex == 0 ? MessageSituation.Processed : MessageSituation.Failed;
        Nav.NavigateTo(Monitoring.Overview.GridLink(connectionId, SelectedArea(connectionId), situation, Monitoring.Overview.WindowStart(nowUtc, hours), null));
    }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (RendererInfo.IsInteractive)
        {
            timer = Time.CreateTimer(_ => _ = InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }), null, RefreshInterval, RefreshInterval);
        }
    }

    private static string N(long value) => value.ToString("N0", UiText.NumberCulture);

    // The unresolved failures whatever their age: no received range.
    private static string UnresolvedLink(string connectionId, DiagramArea area) =>
        Monitoring.Overview.GridLink(connectionId, area, MessageSituation.Failed, null, null);

    private static List<ChartSeries<double>> ChartSeriesOf(HourlySeries s, UiText t) =>
    [
        new() { Name = t[SituationInfo.LabelKey(MessageSituation.Processed)], Data = new ChartData<double>([.. s.Processed.Select(v => (double)v)]) },
        new() { Name = t[SituationInfo.LabelKey(MessageSituation.Failed)], Data = new ChartData<double>([.. s.Failed.Select(v => (double)v)]) },
    ];

    private List<ChartSeries<double>> ChartSeries(HourlySeries s) => ChartSeriesOf(s, T);

    // One label every few bars: 25 hourly bars get every 3rd hour, 169 get one a day.
    private string[] Labels(HourlySeries s)
    {
        var step = s.HoursUtc.Count > 30 ? 24 : 3;
        return [.. s.HoursUtc.Select((h, i) => i % step == 0
            ? SaoPauloTime.ToLocal(h).ToString(step == 24 ? "dd/MM" : "HH'h'", CultureInfo.InvariantCulture)
            : "")];
    }

    private DiagramArea? SelectedArea(string connectionId) => areas.GetValueOrDefault(connectionId);

    private string AreaChoice(string connectionId) => SelectedArea(connectionId) is { } a ? AreaInfo.Slug(a) : AllAreas;

    private async Task SetAreaAsync(string connectionId, string? slug)
    {
        areas[connectionId] = AreaInfo.TryParse(slug, out var area) ? area : null;
        series[connectionId] = await Model.GetSeriesAsync(connectionId, SelectedArea(connectionId), hours, CancellationToken.None);
    }

    private async Task SetHoursAsync(int value)
    {
        hours = value;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        nowUtc = Time.GetUtcNow().UtcDateTime;
        var next = await Model.GetAsync(CancellationToken.None);
        foreach (var connection in next)
        {
            series[connection.ConnectionId] = await Model.GetSeriesAsync(connection.ConnectionId, SelectedArea(connection.ConnectionId), hours, CancellationToken.None);
        }

        overview = next;
        loadedUtc = nowUtc;
    }
}
