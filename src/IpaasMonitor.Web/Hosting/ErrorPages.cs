using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using IpaasMonitor.Web.Localization;
using IpaasMonitor.Web.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// The app's own error pages: a short pt-BR/English text per status and the request's correlation id (its
/// TraceIdentifier, also logged as <c>CorrelationId</c> on the request's log line), never a stack, a source path or
/// a header. Written directly (no endpoint, no component), so they work for any method and whatever failed.
/// </summary>
public static class ErrorPages
{
    public const string CorrelationIdProperty = "CorrelationId";

    // Accented pt-BR text stays readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Outside Development: unhandled exceptions answer the 500 page; every error status without a body answers its
    /// page. In Development the developer page stays, without the request's cookies and credentials.
    /// </summary>
    public static IApplicationBuilder UseIpaasMonitorErrorPages(this IApplicationBuilder app, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            app.Use(RedactSecretsOnErrorAsync);
        }
        else
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteUnhandledAsync });
        }

        app.UseStatusCodePages(context => WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        return app;
    }

    /// <summary>Writes the page for <paramref name="status"/>; <paramref name="textKey"/> overrides the status's text.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string? textKey = null, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? UiText.Portuguese;
        try
        {
            var text = new UiText();
            var key = status switch
            {
                StatusCodes.Status404NotFound => "Error.NotFound",
                StatusCodes.Status403Forbidden => "Error.Forbidden",
                StatusCodes.Status401Unauthorized => "Error.Unauthorized",
                StatusCodes.Status429TooManyRequests => "Error.TooManyRequests",
                >= 500 => "Error.Server",
                _ => "Error.BadRequest",
            };
            var title = text[key + ".Title"];
            var body = textKey is null ? text[key] : text[textKey, arguments];
            if (status < 500)
            {
                // A 500 is logged (as an error) where the exception is handled.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorPages).FullName!)
                    .LogInformation("Error page {StatusCode} for {RequestMethod} {RequestPath}; correlation id {CorrelationId}", status, context.Request.Method, InputLimits.SingleLine(context.Request.Path.Value, InputLimits.LogValue), context.TraceIdentifier);
            }

            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            await response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="{(UiText.IsEnglish ? "en" : "pt-BR")}">
                <head><meta charset="utf-8" /><title>{Html.Encode(title)} · IpaasMonitor</title><link href="/app.css" rel="stylesheet" /></head>
                <body class="error-page">
                <main>
                <h1>{Html.Encode(title)}</h1>
                <p data-testid="error-text">{Html.Encode(body)}</p>
                <p>{Html.Encode(text["Error.Correlation"])} <code data-testid="correlation-id">{Html.Encode(context.TraceIdentifier)}</code></p>
                <p><a href="/">{Html.Encode(text["Account.Back"])}</a></p>
                </main>
                </body>
                </html>
                """,
                context.RequestAborted);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static Task WriteUnhandledAsync(HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorPages).FullName!);
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        logger.LogError("Request failed with an unhandled {ExceptionType}; correlation id {CorrelationId}", error?.GetType().Name ?? "?", context.TraceIdentifier);
        return WriteAsync(context, StatusCodes.Status500InternalServerError);
    }

    /// <summary>
    /// The developer exception page lists the request's cookies and headers: the auth cookie (HttpOnly, so no
    /// script can read it) would be on screen and in any screenshot. The values are replaced before the page renders.
    /// </summary>
    private static async Task RedactSecretsOnErrorAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception)
        {
            var headers = context.Request.Headers;
            if (headers.Cookie.Count > 0)
            {
                headers.Cookie = string.Join("; ", context.Request.Cookies.Keys.Select(name => name + "=[redacted]"));
            }

            foreach (var name in new[] { "Authorization", "RequestVerificationToken", "X-XSRF-TOKEN" })
            {
                if (headers.ContainsKey(name))
                {
                    headers[name] = "[redacted]";
                }
            }

            throw;
        }
    }
}
