using IpaasMonitor.Data.Entities;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace IpaasMonitor.Web.Security;

public static class AccountEndpoints
{
    /// <summary>POST /conta/sair: sign out (antiforgery-checked form post), audited.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SecurityExtensions.LogoutPath, async (HttpContext context, SignInManager<IpaasUser> signIn, AuditLog audit) =>
            {
                var name = context.User.Identity?.Name;
                await signIn.SignOutAsync();
                if (name is not null)
                {
                    await audit.WriteAsync(name, AuditLog.Logout, "user", name, cancellationToken: context.RequestAborted);
                }

                return Results.Redirect(LocalRedirects.Target(SecurityExtensions.LoginPath));
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute(true));
        return endpoints;
    }
}
