using System.Globalization;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Web.Components.Shared;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Failures;

/// <summary>
/// The failure groups (ADR-017): unresolved failures by normalized cause, most failures first, read from the
/// <see cref="FailureGroup"/> summary (rebuilt every minute and after each group action, or with the button). Operators
/// re-queue a group (a server-side bulk re-queue, followed at <c>/reenfileiramentos</c>), discard it with a reason, or
/// note it. <c>?diagrama=NN</c> shows one diagram's groups; <c>?grupo=KEY</c> one group, where a wait on a failed parent
/// links to (its parent's own group, ADR-017 amendment 3).
/// </summary>
public sealed partial class FailureGroups
{
    private IReadOnlyList<FailureGroup> groups = [];
    private DateTime? refreshedAtUtc;
    private bool canOperate;
    private bool busy;

    [SupplyParameterFromQuery(Name = "diagrama")]
    private int? DiagramFilter { get; set; }

    [SupplyParameterFromQuery(Name = "grupo")]
    private string? GroupFilter { get; set; }

    [Inject]
    private FailureGroupQueries Queries { get; set; } = default!;

    [Inject]
    private FailureGroupActions Actions { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        canOperate = await CurrentUser.IsAllowedAsync(Roles.OperatePolicy);
        if (await Queries.LastRefreshAsync(CancellationToken.None) is null)
        {
            await Queries.RefreshAsync(force: false, CancellationToken.None); // first visit before the first scheduled refresh
        }
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        groups = GroupFilter is { } key
            ? await Queries.GetGroupAsync(key, CancellationToken.None) is { } one ? [one] : []
            : await Queries.GetGroupsAsync(DiagramFilter, CancellationToken.None);
        refreshedAtUtc = await Queries.LastRefreshAsync(CancellationToken.None);
    }

    private string OrdersText(FailureGroup group) =>
        group.Diagram is >= FailureGroupQueries.FirstOrderDiagram and <= FailureGroupQueries.LastOrderDiagram
            ? T["Groups.OrdersValue", group.Orders, (group.OrdersValueCents / 100m).ToString("C", CultureInfo.GetCultureInfo("pt-BR"))]
            : "—";

    private void ClearDiagram() => Nav.NavigateTo("falhas");

    private async Task RefreshAsync()
    {
        busy = true;
        try
        {
            await Queries.RefreshAsync(force: false, CancellationToken.None);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RequeueAsync(FailureGroup group)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Dialog.RequeueTitle"], T[group.ParentCauseKey is null ? "Groups.RequeueConfirm" : "Groups.RequeueWaitsConfirm", group.Failures], yesText: T["Action.Requeue"], cancelText: T["Action.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            var batch = await Actions.RequeueAsync(group, CancellationToken.None);
            Nav.NavigateTo($"reenfileiramentos?lote={batch.ToString(CultureInfo.InvariantCulture)}");
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DiscardAsync(FailureGroup group)
    {
        if (await AskAsync(T["Groups.DiscardConfirm", group.Failures], T["Action.Discard"]) is not { } reason)
        {
            return;
        }

        busy = true;
        try
        {
            var count = await Actions.DiscardAsync(group, reason, CancellationToken.None);
            Snackbar.Add(T["Groups.Discarded", count], Severity.Success);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task NoteAsync(FailureGroup group)
    {
        if (await AskAsync(T["Groups.NotePrompt"], T["Action.Save"]) is not { } note)
        {
            return;
        }

        await Actions.SetNoteAsync(group, note, CancellationToken.None);
        await LoadAsync();
    }

    private async Task<string?> AskAsync(string message, string confirm)
    {
        var parameters = new DialogParameters<ReasonDialog> { { d => d.Message, message }, { d => d.ConfirmText, confirm } };
        var dialog = await Dialogs.ShowAsync<ReasonDialog>(T["Groups.Title"], parameters);
        var result = await dialog.Result;
        return result is null || result.Canceled ? null : result.Data as string;
    }
}
