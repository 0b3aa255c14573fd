using System.Text.Encodings.Web;
using System.Text.Json;
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

/// <summary>One message: header, payload (pretty JSON), remote response, attempts, audit, related messages; re-queue and discard.</summary>
public sealed partial class MessageDetails
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Keep accents and quotes readable: this text is shown, never embedded in HTML or JS unencoded.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private MessageDetail? detail;
    private string? payload;
    private string? remoteResponse;
    private string? lastError;
    private bool loaded;
    private bool busy;
    private bool canOperate;
    private bool payloadMasked = true;

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

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private static string Label(MessageRow row) =>
        DiagramCatalog.TryGet(row.Diagram, out var definition) ? definition.Label(row.ConnectionId) : $"{row.Diagram} - {row.ConnectionId}";

    private string SearchLink(string correlation) =>
        Nav.GetUriWithQueryParameters(Nav.ToAbsoluteUri("mensagens").ToString(), new Dictionary<string, object?> { ["busca"] = correlation });

    private async Task LoadAsync()
    {
        canOperate = await CurrentUser.IsAllowedAsync(Roles.OperatePolicy);
        detail = await Queries.GetDetailAsync(MessageId, CancellationToken.None);
        ShowPayload(reveal: false);
        loaded = true;
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
            Snackbar.Add(done ? T[successKey] : T["Snack.NotFailedAnymore", 1], done ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
