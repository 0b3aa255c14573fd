using System.Text.Encodings.Web;
using System.Text.Json;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Components.Shared;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Messages;

/// <summary>
/// One message: header, payload (pretty JSON), remote response, attempts, audit, related messages; re-queue and discard.
/// While the message is Requeued or Processing the page reloads it every few seconds, so a re-queue is seen to end.
/// </summary>
public sealed partial class MessageDetails : IDisposable
{
    public static readonly TimeSpan InFlightRefreshInterval = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Keep accents and quotes readable: this text is shown, never embedded in HTML or JS unencoded.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private MessageDetail? detail;

    /// <summary>A wait on a failed parent: the parent's failure that holds it (ADR-017 amendment 3).</summary>
    private ParentFailure? parentFailure;

    [Inject]
    private FailureGroupQueries Groups { get; set; } = default!;
    private string? payload;
    private string? remoteResponse;
    private string? lastError;
    private bool loaded;
    private bool busy;
    private bool canOperate;
    private bool payloadMasked = true;
    private CancellationTokenSource? followCts;

    [Parameter]
    public Guid MessageId { get; set; }

    [Inject]
    private MessageQueries Queries { get; set; } = default!;

    [Inject]
    private MessageActions Actions { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private string IntegrationLabel => detail is null ? "" : Label(detail.Header);

    /// <summary>Indents JSON for reading; returns other text unchanged.</summary>
    public static string? PrettyJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(document.RootElement, Pretty);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    public void Dispose() => StopFollowing();

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    /// <summary>Never called while prerendering, so the reload loop only runs in a live circuit.</summary>
    protected override void OnAfterRender(bool firstRender)
    {
        if (InFlight && followCts is null)
        {
            followCts = new CancellationTokenSource();
            _ = FollowAsync(followCts.Token);
        }
    }

    private static string Label(MessageRow row) =>
        DiagramCatalog.TryGet(row.Diagram, out var definition) ? definition.Label(row.ConnectionId) : $"{row.Diagram} - {row.ConnectionId}";

    private string SearchLink(string correlation) =>
        Nav.GetUriWithQueryParameters(Nav.ToAbsoluteUri("mensagens").ToString(), new Dictionary<string, object?> { ["busca"] = correlation });

    private async Task LoadAsync()
    {
        StopFollowing();
        canOperate = await CurrentUser.IsAllowedAsync(Roles.OperatePolicy);
        detail = await Queries.GetDetailAsync(MessageId, CancellationToken.None);
        parentFailure = detail is null ? null
            : (await Groups.ParentFailuresAsync([detail.Header.Id], CancellationToken.None)).GetValueOrDefault(detail.Header.Id);
        ShowPayload(reveal: false);
        loaded = true;
    }

    private bool InFlight => detail?.Header.Situation is MessageSituation.Requeued or MessageSituation.Processing;

    /// <summary>Reloads the message every few seconds until it leaves Requeued/Processing.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(InFlightRefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var next = await Queries.GetDetailAsync(MessageId, cancellationToken);
                var stillInFlight = false;
                await InvokeAsync(() =>
                {
                    if (cancellationToken.IsCancellationRequested || busy)
                    {
                        stillInFlight = true;
                        return;
                    }

                    detail = next;
                    ShowPayload(reveal: !payloadMasked);
                    stillInFlight = InFlight;
                    StateHasChanged();
                });
                if (!stillInFlight)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Page left, another message opened, or an action reloaded it.
        }
    }

    private void StopFollowing()
    {
        followCts?.Cancel();
        followCts?.Dispose();
        followCts = null;
    }

    /// <summary>Personal data (CPF/CNPJ, e-mail, phone, address) stays masked until an operator reveals it, audited.</summary>
    private void ShowPayload(bool reveal)
    {
        payloadMasked = !reveal;
        payload = reveal ? PrettyJson(detail?.Payload) : Masked(detail?.Payload);
        remoteResponse = reveal ? PrettyJson(detail?.RemoteResponse) : Masked(detail?.RemoteResponse);
        lastError = reveal ? detail?.Header.LastError : MaskedText(detail?.Header.LastError);
    }

    private static string? Masked(string? text) => string.IsNullOrEmpty(text) ? text : PersonalDataMasker.Mask(text);

    private static string? MaskedText(string? text) => text is null ? null : PersonalDataMasker.MaskText(text);

    private async Task RevealAsync()
    {
        var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
        await Audit.WriteAsync(user, AuditLog.Reveal, "message", MessageId.ToString());
        ShowPayload(reveal: true);
    }

    private async Task CopyPayloadAsync()
    {
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", payload);
            Snackbar.Add(T["Snack.Copied"], Severity.Success);
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context (https or localhost) and the user's permission.
            Snackbar.Add(T["Snack.CopyFailed"], Severity.Warning);
        }
    }

    private async Task RequeueAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Dialog.RequeueTitle"], T["Dialog.RequeueSelected", 1], yesText: T["Action.Requeue"], cancelText: T["Action.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunActionAsync(async user => await Actions.RequeueAsync(MessageId, user, CancellationToken.None), "Snack.RequeuedOne");
    }

    private async Task DiscardAsync()
    {
        var parameters = new DialogParameters<ReasonDialog>
        {
            { d => d.Message, T["Dialog.DiscardMessage"].Value },
            { d => d.ConfirmText, T["Action.Discard"].Value },
        };
        var dialog = await Dialogs.ShowAsync<ReasonDialog>(T["Dialog.DiscardTitle"], parameters);
        var result = await dialog.Result;
        if (result is null || result.Canceled || result.Data is not string reason)
        {
            return;
        }

        await RunActionAsync(async user => await Actions.DiscardAsync(MessageId, user, reason, CancellationToken.None), "Snack.Discarded");
    }

    private async Task RunActionAsync(Func<string, Task<bool>> action, string successKey)
    {
        busy = true;
        try
        {
            var user = await CurrentUser.DemandAsync(Roles.OperatePolicy);
            var done = await action(user);
            if (done)
            {
                Snackbar.Add(T[successKey], Severity.Success);
            }
            else
            {
                // Refused: say why (a resolved message links to the newer one that resolved it, on the reloaded page).
                var refusal = await Actions.RefusalAsync(MessageId, CancellationToken.None);
                Snackbar.Add(T["Detail.RequeueRefused", T[SituationInfo.LabelKey(refusal?.Situation ?? MessageSituation.Failed)]], Severity.Warning);
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
