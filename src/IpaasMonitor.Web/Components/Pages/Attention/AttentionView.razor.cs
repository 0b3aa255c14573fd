using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using Microsoft.AspNetCore.Components;

namespace IpaasMonitor.Web.Components.Pages.Attention;

/// <summary>
/// The analyst's landing page (ADR-017): only what needs a person, newest first: unresolved failures
/// (<see cref="UnresolvedFailures"/>) and stuck work (re-queues not done, attempts in progress), with the first line of
/// the reason as a column. Run summaries (<c>Count</c>) are hidden unless asked for. The full history is the grid at
/// <c>/mensagens</c>. Reads through <see cref="MessageQueries"/>: one index range per situation, a page deep.
/// </summary>
public sealed partial class AttentionView
{
    public const int PageSize = 25;

    private readonly Stack<MessageCursor?> cursors = new();
    private IReadOnlyList<string> connections = [];
    private IReadOnlyList<MessageRow> rows = [];
    private MessagePage? page;
    private MessageCursor? current;
    private BoundedCount total;
    private string? connection;
    private bool showSummaries;
    private bool loading = true;
    private IReadOnlyDictionary<long, ParentFailure> parents = new Dictionary<long, ParentFailure>();

    [Inject]
    private FailureGroupQueries Groups { get; set; } = default!;

    [Inject]
    private MessageQueries Queries { get; set; } = default!;

    [Inject]
    private ConnectionDirectory Connections { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    private MessageFilter Filter => new()
    {
        ConnectionId = connection,
        Situations = UnresolvedFailures.NeedingAttention,
        HideRunSummaries = !showSummaries,
    };

    protected override async Task OnInitializedAsync()
    {
        connections = await Connections.GetConnectionIdsAsync(CancellationToken.None);
        await LoadAsync(includeCount: true);
    }

    private async Task LoadAsync(bool includeCount)
    {
        loading = true;
        var request = new MessagePageRequest { PageSize = PageSize, After = current };
        page = await Queries.GetPageAsync(Filter, request, CancellationToken.None);
        rows = page.Rows;

        // The waits on a failed parent link to the parent's own failure group (ADR-017 amendment 3): a seek per wait of the page.
        parents = await Groups.ParentFailuresAsync(
            [.. rows.Where(r => r.Component == FailureGroupLinks.WaitingParent).Select(r => r.Id)], CancellationToken.None);
        if (includeCount)
        {
            // From the hourly counters, exact, never a scan of the messages (ADR-017 amendment 2).
            total = await Queries.CountNeedingAttentionAsync(connection, showSummaries, CancellationToken.None);
        }

        loading = false;
    }

    private Task SetConnectionAsync(string? value)
    {
        connection = string.IsNullOrWhiteSpace(value) ? null : value;
        return RestartAsync();
    }

    private Task SetShowSummariesAsync(bool value)
    {
        showSummaries = value;
        return RestartAsync();
    }

    private Task RestartAsync()
    {
        cursors.Clear();
        current = null;
        return LoadAsync(includeCount: true);
    }

    private Task FirstPageAsync() => RestartAsync();

    private Task PreviousPageAsync()
    {
        current = cursors.Count > 0 ? cursors.Pop() : null;
        return LoadAsync(includeCount: false);
    }

    private Task NextPageAsync()
    {
        if (page?.LastCursor is not { } last)
        {
            return Task.CompletedTask;
        }

        cursors.Push(current);
        current = last;
        return LoadAsync(includeCount: false);
    }
}
