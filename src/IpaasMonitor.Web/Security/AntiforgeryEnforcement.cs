using IpaasMonitor.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace IpaasMonitor.Web.Security;

/// <summary>
/// Refuses, with 400 and a readable page, every state-changing request to an endpoint that requires antiforgery
/// when its token is missing or invalid. ASP.NET Core's antiforgery middleware only records the outcome: form-bound
/// handlers (Blazor forms) refuse by themselves, but a minimal-API handler that binds no form (POST /conta/sair)
/// would run anyway. Place right after <c>UseAntiforgery</c>.
/// </summary>
public static class AntiforgeryEnforcement
{
    public static IApplicationBuilder UseAntiforgeryEnforcement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await IsRefusedAsync(context))
            {
                await ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, "Error.Antiforgery");
                return;
            }

            await next(context);
        });

    private static async Task<bool> IsRefusedAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return false;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
        {
            return false;
        }

        // The middleware validates form posts; for any other body (none, JSON, text) it records nothing: check here.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { } validation)
        {
            return !validation.IsValid;
        }

        return !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }
}
