using System.Text;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// What the monitor pages need: grid queries, the current-user seam, UI strings, the request culture
/// (pt-BR by default, English through <c>?culture=en</c> or the culture cookie), the payload download
/// and the language switch endpoints.
/// </summary>
public static class MonitorUiExtensions
{
    public static readonly string[] SupportedCultures = ["pt-BR", "en"];

    /// <summary>Services of the monitor pages. Needs AddIpaasMonitorData, AddDiagrams, Hangfire and MudBlazor too.</summary>
    public static IServiceCollection AddMonitorUi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFailureGroupFilter, CauseKeyFailureGroupFilter>();
        services.TryAddTransient<MessageQueries>();
        services.AddTransient<FailureGroupActions>();
        services.TryAddSingleton(sp => new Alerts.AlertClock(sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<OverviewQueries>();
        services.AddTransient<Overview>();
        services.AddTransient<DiagramVerdicts>();
        services.AddOptions<OverviewOptions>().BindConfiguration(OverviewOptions.SectionName);
        services.AddTransient<ConnectionDirectory>();
        services.AddTransient<DiagramActions>();
        services.AddTransient<AuditQueries>();
        services.AddTransient<OrderTraceQuery>();
        services.AddTransient<MessageExport>();
        services.TryAddSingleton(new ExportOptions());
        services.AddTransient<OrderListQuery>();
        services.AddScoped<ICurrentUser, AuthenticationStateCurrentUser>();
        services.AddSingleton<UiText>();
        return services;
    }

    /// <summary>
    /// Request culture: query string (<c>culture=en</c>), then cookie, then pt-BR. A culture given in the query
    /// string is also written to the cookie, because the Blazor circuit starts on a later request that does not
    /// carry the page's query string.
    /// </summary>
    public static IApplicationBuilder UseMonitorUiLocalization(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(SupportedCultures[0])
            .AddSupportedCultures(SupportedCultures)
            .AddSupportedUICultures(SupportedCultures);

        // pt-BR unless the user picks English: the browser's Accept-Language does not switch the monitor's language.
        options.RequestCultureProviders = [.. options.RequestCultureProviders.Where(p => p is not AcceptLanguageHeaderRequestCultureProvider)];
        app.UseRequestLocalization(options);
        app.Use(async (context, next) =>
        {
            if (context.Request.Query.ContainsKey("culture") && context.Features.Get<IRequestCultureFeature>() is { } feature)
            {
                WriteCultureCookie(context, feature.RequestCulture.UICulture.Name);
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// GET /mensagens/exportar (the grid's filter as CSV, any signed-in user), GET /mensagens/{id}/payload (download) and
    /// GET /cultura/{culture}?voltar=/path (language switch).
    /// </summary>
    public static IEndpointRouteBuilder MapMonitorUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(MessageExport.Path, (HttpContext context, MessageExport export, CancellationToken cancellationToken) =>
            export.HandleAsync(context, cancellationToken)).RequireAuthorization();

        endpoints.MapGet("/mensagens/{messageId:guid}/payload", async (
            Guid messageId,
            bool? revelar,
            HttpContext context,
            MessageQueries queries,
            IAuthorizationService authorization,
            AuditLog audit,
            CancellationToken cancellationToken) =>
        {
            var found = await queries.GetPayloadAsync(messageId, cancellationToken);
            if (found is not { Content: { } content } payload)
            {
                return Results.NotFound();
            }

            // Exports are masked like the screen; an operator may ask for the raw payload, and that is audited.
            string body;
            if (revelar == true)
            {
                if (!(await authorization.AuthorizeAsync(context.User, Roles.OperatePolicy)).Succeeded)
                {
                    return Results.Forbid();
                }

                await audit.WriteAsync(context.User.Identity?.Name ?? "?", AuditLog.Reveal, "message", messageId.ToString(), details: "download", cancellationToken: cancellationToken);
                body = Components.Pages.Messages.MessageDetails.PrettyJson(content) ?? content;
            }
            else
            {
                body = PersonalDataMasker.Mask(content);
            }

            return Results.File(Encoding.UTF8.GetBytes(body), "application/json", $"mensagem-{payload.ShortId}.json");
        });

        endpoints.MapGet("/cultura/{culture}", (string culture, string? voltar, HttpContext context) =>
        {
            var chosen = SupportedCultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? SupportedCultures[0];
            WriteCultureCookie(context, chosen);
            return Results.Redirect(LocalRedirects.Target(voltar));
        });
        return endpoints;
    }

    private static void WriteCultureCookie(HttpContext context, string culture) =>
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
