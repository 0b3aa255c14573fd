using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace IpaasMonitor.Web.Security;

/// <summary>
/// Server-side check for actions taken inside a Blazor circuit (a hidden button is not a permission): components
/// call <see cref="DemandAsync"/> before an operator or admin action, and it throws when the user lacks the policy.
/// </summary>
public sealed class AccessGuard(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<bool> AllowsAsync(string policy)
    {
        var user = await UserAsync();
        return user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    /// <summary>Returns the user's name when allowed; throws <see cref="UnauthorizedAccessException"/> otherwise.</summary>
    public async Task<string> DemandAsync(string policy)
    {
        var user = await UserAsync();
        if (user.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            throw new UnauthorizedAccessException($"O usuário não tem permissão para esta ação ({policy}).");
        }

        return user.Identity.Name ?? "?";
    }
}
