using System.Globalization;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace IpaasMonitor.Web.Components.Pages.Admin;

/// <summary>
/// The audit log, newest first, keyset-paged. Filters and the page cursor live in the URL (usuario, acao, alvo,
/// de, ate in São Paulo time, antes/depois), so a filtered view can be bookmarked and shared. Admin only.
/// </summary>
public sealed partial class AuditList : IDisposable
{
    /// <summary>The actions offered in the filter: the audit log's and the message actions.</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        AuditLog.LoginSucceeded,
        AuditLog.LoginFailed,
        AuditLog.LoginLockedOut,
        AuditLog.Logout,
        AuditLog.Reveal,
        AuditLog.UserCreated,
        AuditLog.UserChanged,
        AuditLog.RunNow,
        AuditLog.DiagramEnabled,
        AuditLog.DiagramDisabled,
        MessageActions.RequeueAction,
        MessageActions.DiscardAction,
        MessageExport.AuditAction,
    ];

    private AuditFilter filter = new();
    private AuditPageRequest request = new();
    private AuditPage page = new([], false, false);
    private bool loading = true;

    [Inject]
    private AuditQueries Queries { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    private string? FromText => filter.FromUtc is { } from ? SaoPauloTime.ToUrl(from) : null;

    private string? ToText => filter.ToUtc is { } to ? SaoPauloTime.ToUrl(to) : null;

    public void Dispose() => Nav.LocationChanged -= OnLocationChanged;

    protected override async Task OnInitializedAsync()
    {
        Nav.LocationChanged += OnLocationChanged;
        await LoadFromUriAsync();
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static long? Id(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = Nav.ToBaseRelativePath(e.Location).Split('?', '#')[0].TrimEnd('/');
        if (path == "auditoria")
        {
            _ = InvokeAsync(LoadFromUriAsync);
        }
    }

    private async Task LoadFromUriAsync()
    {
        var parameters = QueryHelpers.ParseQuery(new Uri(Nav.Uri).Query);
        string? Get(string key) => parameters.TryGetValue(key, out var value) ? InputLimits.Cut(Text(value.ToString()), InputLimits.Search) : null;
        filter = new AuditFilter(Get("usuario"), Get("acao"), Get("alvo"), SaoPauloTime.FromUrl(Get("de")), SaoPauloTime.FromUrl(Get("ate")));
        request = new AuditPageRequest(Before: Id(Get("antes")), After: Id(Get("depois")));
        loading = true;
        StateHasChanged();
        // "Até" names a minute and includes it.
        var query = filter with { ToUtc = filter.ToUtc?.AddMinutes(1) };
        page = await Queries.GetPageAsync(query, request, CancellationToken.None);
        loading = false;
        StateHasChanged();
    }

    private string ActionText(string? action)
    {
        if (action is null)
        {
            return "";
        }

        var text = T["Audit." + action];
        return text.ResourceNotFound ? action : text.Value;
    }

    /// <summary>Filters changed: back to the newest page of the new filter.</summary>
    private void Navigate(AuditFilter next) => NavigateTo(next, before: null, after: null);

    private void NavigateTo(AuditFilter next, long? before, long? after) =>
        Nav.NavigateTo(
            Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
            {
                ["usuario"] = next.User,
                ["acao"] = next.Action,
                ["alvo"] = next.TargetId,
                ["de"] = next.FromUtc is { } from ? SaoPauloTime.ToUrl(from) : null,
                ["ate"] = next.ToUtc is { } to ? SaoPauloTime.ToUrl(to) : null,
                ["antes"] = before?.ToString(CultureInfo.InvariantCulture),
                ["depois"] = after?.ToString(CultureInfo.InvariantCulture),
            }),
            replace: false);

    private void SetUser(string? value) => Navigate(filter with { User = Text(value) });

    private void SetAction(string? value) => Navigate(filter with { Action = Text(value) });

    private void SetTarget(string? value) => Navigate(filter with { TargetId = Text(value) });

    private void SetFrom(string? value) => Navigate(filter with { FromUtc = SaoPauloTime.FromUrl(value) });

    private void SetTo(string? value) => Navigate(filter with { ToUtc = SaoPauloTime.FromUrl(value) });

    private void ClearFilters() => Navigate(new AuditFilter());

    private void Newest() => NavigateTo(filter, before: null, after: null);

    private void Newer()
    {
        if (page.Rows.Count > 0)
        {
            NavigateTo(filter, before: null, after: page.Rows[0].Id);
        }
    }

    private void Older()
    {
        if (page.Rows.Count > 0)
        {
            NavigateTo(filter, before: page.Rows[^1].Id, after: null);
        }
    }
}
