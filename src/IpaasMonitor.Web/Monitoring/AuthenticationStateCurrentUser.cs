using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>The signed-in user from <see cref="AuthenticationStateProvider"/>, checked against the app's policies.</summary>
public sealed class AuthenticationStateCurrentUser(AuthenticationStateProvider authentication, IAuthorizationService authorization) : ICurrentUser
{
    public const string Anonymous = "anonymous";

    public async Task<string> GetUserNameAsync()
    {
        var user = await UserAsync();
        return user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
    }

    public async Task<bool> IsAllowedAsync(string policy)
    {
        var user = await UserAsync();
        return user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    public async Task<string> DemandAsync(string policy)
    {
        if (!await IsAllowedAsync(policy))
        {
            throw new UnauthorizedAccessException($"Sem permissão para esta ação ({policy}).");
        }

        return await GetUserNameAsync();
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;
}
