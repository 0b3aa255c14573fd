using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IpaasMonitor.Web.Components.Pages.Admin;

/// <summary>
/// Users and their roles: create, change role, disable/enable (or unlock), reset password. Admin only: the page
/// needs the admin policy, and every handler demands it again on the server before acting. Changes are audited
/// by <see cref="UserAdministration"/>.
/// </summary>
public sealed partial class UserList
{
    private IReadOnlyList<UserSummary> users = [];
    private string me = "";
    private bool loaded;
    private int version;
    private bool busy;

    private string? newEmail;
    private string? newName;
    private string newRole = Roles.Viewer;
    private string? newPassword;
    private bool newPasswordGenerated;
    private List<string> formErrors = [];

    private UserSummary? resetting;
    private string? resetPassword;
    private bool resetPasswordGenerated;
    private List<string> resetErrors = [];

    private (string Email, string Password)? shownPassword;

    [Inject]
    private UserAdministration Administration { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private UiText T { get; set; } = default!;

    /// <summary>Creates a user with one role and an initial password (Identity's password rules apply).</summary>
    internal async Task CreateAsync()
    {
        var actor = await CurrentUser.DemandAsync(Roles.AdminPolicy);
        var email = (newEmail ?? "").Trim();
        var password = newPassword ?? "";
        var generated = newPasswordGenerated;
        await RunAsync(
            () => Administration.CreateAsync(actor, email, newName ?? "", newRole, password, CancellationToken.None),
            errors => formErrors = errors,
            () =>
            {
                newEmail = newName = newPassword = null;
                newRole = Roles.Viewer;
                newPasswordGenerated = false;
                shownPassword = generated ? (email, password) : null;
                Snackbar.Add(T["Users.CreatedSnack", email], Severity.Success);
            });
    }

    /// <summary>Gives the user exactly this role. Refused when it would leave no active administrator.</summary>
    internal async Task ChangeRoleAsync(string userId, string role)
    {
        var actor = await CurrentUser.DemandAsync(Roles.AdminPolicy);
        var email = EmailOf(userId);
        await RunAsync(
            () => Administration.ChangeRoleAsync(actor, userId, role, CancellationToken.None),
            ShowErrors,
            () => Snackbar.Add(T["Users.RoleChanged", email, RoleText(role)], Severity.Success));
    }

    /// <summary>Disables (sign-in refused, sessions ended) or enables/unlocks the user.</summary>
    internal async Task SetEnabledAsync(string userId, bool enabled)
    {
        var actor = await CurrentUser.DemandAsync(Roles.AdminPolicy);
        var email = EmailOf(userId);
        await RunAsync(
            () => Administration.SetEnabledAsync(actor, userId, enabled, CancellationToken.None),
            ShowErrors,
            () => Snackbar.Add(T["Users.ChangedSnack", email], Severity.Success));
    }

    /// <summary>Sets a new password for the user; a generated one is shown once.</summary>
    internal async Task ResetPasswordAsync(string userId, string password)
    {
        var actor = await CurrentUser.DemandAsync(Roles.AdminPolicy);
        var email = EmailOf(userId);
        var generated = resetPasswordGenerated;
        await RunAsync(
            () => Administration.ResetPasswordAsync(actor, userId, password, CancellationToken.None),
            errors => resetErrors = errors,
            () =>
            {
                CancelReset();
                shownPassword = generated ? (email, password) : null;
                Snackbar.Add(T["Users.ChangedSnack", email], Severity.Success);
            });
    }

    protected override async Task OnInitializedAsync()
    {
        me = await CurrentUser.GetUserNameAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        users = await Administration.ListAsync(CancellationToken.None);

        // New row keys: a refused role change must not leave the select showing the refused value.
        version++;
        loaded = true;
    }

    private async Task RunAsync(Func<Task<UserChangeResult>> change, Action<List<string>> setErrors, Action onSuccess)
    {
        busy = true;
        try
        {
            var result = await change();
            setErrors([.. result.Errors.Select(ErrorText)]);
            if (result.Succeeded)
            {
                onSuccess();
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;

            // Also when called outside an event handler (which re-renders by itself).
            StateHasChanged();
        }
    }

    private void ShowErrors(List<string> errors)
    {
        foreach (var error in errors)
        {
            Snackbar.Add(error, Severity.Error);
        }
    }

    private async Task ConfirmDisableAsync(UserSummary user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Users.Disable"], T["Users.ConfirmDisable", user.Email], yesText: T["Users.Disable"], cancelText: T["Action.Cancel"]);
        if (confirmed == true)
        {
            await SetEnabledAsync(user.Id, enabled: false);
        }
    }

    private void GenerateNewPassword()
    {
        newPassword = UserAdministration.GeneratePassword();
        newPasswordGenerated = true;
    }

    private void GenerateResetPassword()
    {
        resetPassword = UserAdministration.GeneratePassword();
        resetPasswordGenerated = true;
    }

    private void StartReset(UserSummary user)
    {
        resetting = user;
        resetPassword = null;
        resetPasswordGenerated = false;
        resetErrors = [];
        shownPassword = null;
    }

    private void CancelReset()
    {
        resetting = null;
        resetPassword = null;
        resetPasswordGenerated = false;
        resetErrors = [];
    }

    private void HidePassword() => shownPassword = null;

    private bool IsMe(UserSummary user) => string.Equals(user.Email, me, StringComparison.OrdinalIgnoreCase);

    private string EmailOf(string userId) => users.FirstOrDefault(u => u.Id == userId)?.Email ?? userId;

    private string RoleText(string? role) => role is null ? "" : T["Role." + role];

    private string ErrorText(string error)
    {
        var text = T["Users.Error." + error];
        return text.ResourceNotFound ? error : text.Value;
    }

    private static Color StateColor(UserState state) => state switch
    {
        UserState.Active => Color.Success,
        UserState.Locked => Color.Warning,
        _ => Color.Error,
    };
}
