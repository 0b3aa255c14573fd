using System.Globalization;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Messages;

/// <summary>
/// The monitor grid. The URL is the state: every filter change navigates (replace) to a new query string and
/// the page reloads from it, so a copied link shows the same view. Next/previous use keyset cursors kept
/// here; a link or a jump to a page number falls back to offset paging.
/// </summary>
public sealed partial class MessageGrid : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private const string AnyPeriod = "";
    private const string CustomPeriod = "custom";

    private readonly Dictionary<Guid, MessageRow> selection = [];
    private GridQuery query = new();
    private IReadOnlyList<string> connections = [];
    private List<MessageRow> rows = [];
    private MessagePage? page;
    private IReadOnlyDictionary<MessageSituation, BoundedCount> counts = new Dictionary<MessageSituation, BoundedCount>();
    private BoundedCount total;
    private BoundedCount failedInFilter;
    private MessagePageRequest currentRequest = MessagePageRequest.First(25);
    private (string FilterKey, int Page, MessagePageRequest Request)? pending;
    private bool loaded;
    private bool loading;
    private bool busy;
    private bool canOperate;
    private bool liveRefresh;
    private bool customRange;
    private DateTime? lastLoadedUtc;
    private CancellationTokenSource? loadCts;
    private CancellationTokenSource? refreshCts;

    [Inject]
    private MessageQueries Queries { get; set; } = default!;

    [Inject]
    private RequeueBatches Batches { get; set; } = default!;

    [Inject]
    private ConnectionDirectory Connections { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    [Inject]
    private ExportOptions Export { get; set; } = default!;

    private string PeriodChoice => query.Period ?? (customRange ? CustomPeriod : AnyPeriod);

    private string? FromText => query.FromUtc is { } from ? SaoPauloTime.ToUrl(from) : null;

    private string? ToText => query.ToUtc is { } to ? SaoPauloTime.ToUrl(to) : null;

    /// <summary>The export of this view: the same query string (without the page) on <see cref="MessageExport.Path"/>.</summary>
    private string ExportHref =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            MessageExport.Path.TrimStart('/'),
            (query with { Page = 1, PageSize = 25 }).ToParameters().Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value!.ToString())));

    /// <summary>Whether the filter holds more rows than an export writes (known when the grid's count got that far).</summary>
    private bool ExportCut => total.Value > Export.MaxRows || (total.IsLowerBound && total.Value >= Export.MaxRows);

    private List<MessageRow> SelectedFailed => selection.Values.Where(r => r.Situation == MessageSituation.Failed).ToList();

    private bool AllOnPageSelected => rows.Count > 0 && rows.All(r => selection.ContainsKey(r.MessageId));

    private int? LastPage => total.IsLowerBound || total.Value == 0 ? null : (total.Value + query.PageSize - 1) / query.PageSize;

    private string PageInfo
    {
        get
        {
            if (rows.Count == 0)
            {
                return T["Pager.None"];
            }

            var first = ((query.Page - 1) * query.PageSize) + 1;
            return T["Pager.Range", first, first + rows.Count - 1, T.Count(total)];
        }
    }

    public void Dispose()
    {
        Nav.LocationChanged -= OnLocationChanged;
        loadCts?.Cancel();
        loadCts?.Dispose();
        refreshCts?.Cancel();
        refreshCts?.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        Nav.LocationChanged += OnLocationChanged;
        canOperate = await CurrentUser.IsAllowedAsync(Roles.OperatePolicy);
        connections = await Connections.GetConnectionIdsAsync(CancellationToken.None);
        await LoadFromUriAsync();
    }

    private static int SectionValue(string section) => -1 - DiagramCatalog.Sections.ToList().FindIndex(s => s.Section == section);

    private static string IntegrationLabel(MessageRow row) =>
        DiagramCatalog.TryGet(row.Diagram, out var definition)
            ? definition.Label(row.ConnectionId)
            : string.Create(CultureInfo.InvariantCulture, $"{row.Diagram:00} - ? - {row.ConnectionId}");

    private static string DiagramText(int? number) => number switch
    {
        null => "",
        < 0 => DiagramCatalog.Sections[-1 - number.Value].Title,
        _ when DiagramCatalog.TryGet(number.Value, out var d) => string.Create(CultureInfo.InvariantCulture, $"{d.Number:00} - {d.Name}"),
        _ => number.Value.ToString(CultureInfo.InvariantCulture),
    };

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = Nav.ToBaseRelativePath(e.Location).Split('?', '#')[0].TrimEnd('/');
        if (path is "" or "mensagens")
        {
            // Not an event handler of this component: nothing renders the new rows unless asked to.
            _ = InvokeAsync(async () =>
            {
                await LoadFromUriAsync();
                StateHasChanged();
            });
        }
    }

    private async Task LoadFromUriAsync()
    {
        var next = GridQuery.Parse(Nav.Uri);
        var sameView = loaded && next.FilterKey == query.FilterKey;
        if (!sameView)
        {
            selection.Clear();
        }

        customRange = customRange || next.FromUtc is not null || next.ToUtc is not null;
        currentRequest = pending is { } p && p.FilterKey == next.FilterKey && p.Page == next.Page
            ? p.Request
            : new MessagePageRequest { PageSize = next.PageSize, PageIndex = next.Page - 1 };
        pending = null;
        query = next;
        await LoadAsync(includeCounts: !sameView, showLoading: true);
        loaded = true;
    }

    private async Task LoadAsync(bool includeCounts, bool showLoading)
    {
        if (loadCts is not null)
        {
            await loadCts.CancelAsync();
            loadCts.Dispose();
        }

        loadCts = new CancellationTokenSource();
        var cancellationToken = loadCts.Token;
        loading = showLoading;
        try
        {
            var now = Time.GetUtcNow().UtcDateTime;
            var filter = query.ToFilter(now);
            var nextPage = await Queries.GetPageAsync(filter, currentRequest, cancellationToken);
            if (includeCounts)
            {
                counts = await Queries.CountBySituationAsync(filter, MessageQueries.DefaultCountLimit, cancellationToken);
                var shown = query.Situations.Count == 0 ? SituationInfo.DisplayOrder : query.Situations;
                total = shown.Aggregate(BoundedCount.Zero, (sum, s) => sum.Add(counts.GetValueOrDefault(s), MessageQueries.DefaultCountLimit));
                failedInFilter = query.Situations.Count == 0 || query.Situations.Contains(MessageSituation.Failed)
                    ? counts.GetValueOrDefault(MessageSituation.Failed)
                    : BoundedCount.Zero;
            }

            page = nextPage;
            rows = [.. nextPage.Rows];
            lastLoadedUtc = now;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                loading = false;
            }
        }
    }

    private void Navigate(GridQuery next, MessagePageRequest? request = null)
    {
        pending = request is null ? null : (next.FilterKey, next.Page, request);
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(next.ToParameters()), replace: true);
    }

    private void NavigateFilter(GridQuery next) => Navigate(next with { Page = 1 });

    private Task SetConnectionAsync(string? value)
    {
        NavigateFilter(query with { Connection = string.IsNullOrWhiteSpace(value) ? null : value });
        return Task.CompletedTask;
    }

    private Task SetDiagramAsync(int? value)
    {
        NavigateFilter(query with { Diagram = value is > 0 ? value : null });
        return Task.CompletedTask;
    }

    private Task SetSituationsAsync(IEnumerable<MessageSituation>? values)
    {
        NavigateFilter(query with { Situations = values?.Distinct().ToList() ?? [] });
        return Task.CompletedTask;
    }

    private Task ToggleSituationAsync(MessageSituation situation)
    {
        var next = query.Situations.Contains(situation)
            ? query.Situations.Where(s => s != situation).ToList()
            : [.. query.Situations, situation];
        NavigateFilter(query with { Situations = next });
        return Task.CompletedTask;
    }

    private Task SetPeriodAsync(string? value)
    {
        customRange = value == CustomPeriod;
        NavigateFilter(value is null || value == AnyPeriod || value == CustomPeriod
            ? query with { Period = null, FromUtc = customRange ? query.FromUtc : null, ToUtc = customRange ? query.ToUtc : null }
            : query with { Period = value, FromUtc = null, ToUtc = null });
        return Task.CompletedTask;
    }

    private Task SetFromAsync(string? value)
    {
        NavigateFilter(query with { Period = null, FromUtc = SaoPauloTime.FromUrl(value) });
        return Task.CompletedTask;
    }

    private Task SetToAsync(string? value)
    {
        NavigateFilter(query with { Period = null, ToUtc = SaoPauloTime.FromUrl(value) });
        return Task.CompletedTask;
    }

    private Task SetSearchAsync(string? value)
    {
        NavigateFilter(query with { Search = string.IsNullOrWhiteSpace(value) ? null : InputLimits.Cut(value.Trim(), InputLimits.Search) });
        return Task.CompletedTask;
    }

    private Task SetPageSizeAsync(int size)
    {
        NavigateFilter(query with { PageSize = size });
        return Task.CompletedTask;
    }

    private Task FirstPageAsync()
    {
        Navigate(query with { Page = 1 });
        return Task.CompletedTask;
    }

    private Task NextPageAsync()
    {
        if (page?.LastCursor is { } cursor)
        {
            Navigate(query with { Page = query.Page + 1 }, new MessagePageRequest { PageSize = query.PageSize, After = cursor });
        }

        return Task.CompletedTask;
    }

    private Task PreviousPageAsync()
    {
        if (query.Page <= 2)
        {
            return FirstPageAsync();
        }

        if (page?.FirstCursor is { } cursor)
        {
            Navigate(query with { Page = query.Page - 1 }, new MessagePageRequest { PageSize = query.PageSize, Before = cursor });
        }

        return Task.CompletedTask;
    }

    private Task LastPageAsync()
    {
        if (LastPage is { } last)
        {
            Navigate(query with { Page = last });
        }

        return Task.CompletedTask;
    }

    private void Select(MessageRow row, bool selected)
    {
        if (selected)
        {
            selection[row.MessageId] = row;
        }
        else
        {
            selection.Remove(row.MessageId);
        }
    }

    private void SelectAllOnPage(bool selected)
    {
        foreach (var row in rows)
        {
            Select(row, selected);
        }
    }

    private async Task SetLiveRefreshAsync(bool on)
    {
        liveRefresh = on;
        if (refreshCts is not null)
        {
            await refreshCts.CancelAsync();
            refreshCts.Dispose();
            refreshCts = null;
        }

        if (on)
        {
            refreshCts = new CancellationTokenSource();
            _ = RefreshLoopAsync(refreshCts.Token);
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    // Same page, same cursor: rows are replaced in place (keyed), so nothing blinks.
                    await LoadAsync(includeCounts: true, showLoading: false);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // Live refresh switched off or page left.
        }
    }

    private async Task RequeueSelectedAsync()
    {
        var ids = SelectedFailed.Select(r => r.MessageId).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Dialog.RequeueTitle"], T["Dialog.RequeueSelected", ids.Count], yesText: T["Action.Requeue"], cancelText: T["Action.Cancel"]);
        if (confirmed == true)
        {
            await RequeueAsync(ids);
        }
    }

    private async Task RequeueAllFailedAsync()
    {
        var count = failedInFilter;
        var message = count.IsLowerBound
            ? T["Dialog.RequeueAllLowerBound", T.Count(count), count.Value.ToString("N0", UiText.NumberCulture)]
            : T["Dialog.RequeueAll", count.Value];
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["Dialog.RequeueTitle"], message, yesText: T["Action.Requeue"], cancelText: T["Action.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        // Every failed message of the filter, no cap: collected and re-queued on the server in throttled steps (ADR-017).
        var filter = query.ToFilter(Time.GetUtcNow().UtcDateTime);
        var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
        var batch = await Batches.StartFilterAsync(filter, user, T["Batches.Filter", "/" + Nav.ToBaseRelativePath(Nav.Uri)], CancellationToken.None);
        Nav.NavigateTo($"reenfileiramentos?lote={batch.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string? MaskedError(string? error) => error is null ? null : PersonalDataMasker.MaskText(error);

    private async Task RequeueAsync(IReadOnlyCollection<Guid> ids)
    {
        busy = true;
        try
        {
            var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
            var batch = await Batches.StartSelectionAsync(ids, user, T["Batches.Selection", ids.Count], CancellationToken.None);
            Snackbar.Add(T["Snack.BatchStarted", batch], Severity.Success);
            selection.Clear();
            await LoadAsync(includeCounts: true, showLoading: false);
        }
        finally
        {
            busy = false;
        }
    }
}
