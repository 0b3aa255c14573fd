using Microsoft.AspNetCore.Components.Authorization;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>The signed-in user's name from <see cref="AuthenticationStateProvider"/>, or "anonymous".</summary>
public sealed class AuthenticationStateCurrentUser(IServiceProvider services) : ICurrentUser
{
    public const string Anonymous = "anonymous";

    public async Task<string> GetUserNameAsync()
    {
        // Optional on purpose: hosts and tests without authentication still get a user name.
        if (services.GetService(typeof(AuthenticationStateProvider)) is not AuthenticationStateProvider provider)
        {
            return Anonymous;
        }

        try
        {
            var state = await provider.GetAuthenticationStateAsync();
            var identity = state.User.Identity;
            return identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
        }
        catch (InvalidOperationException)
        {
            // ServerAuthenticationStateProvider throws when no authentication state was ever set (no auth middleware).
            return Anonymous;
        }
    }
}
