using System.Globalization;
using System.Text;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.AspNetCore.Http.Extensions;

namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>
/// Runs around every ERP and VTEX endpoint: checks the tenant/account exists, buffers the body,
/// injects faults, checks VTEX app keys, executes the handler's result, then counts the request and
/// journals VTEX requests with their final status.
/// </summary>
internal sealed class SandboxRequestFilter : IEndpointFilter
{
    private const string BodyKey = "IpaasMonitor.Sandbox.Body";

    public static string? Body(HttpContext http) => http.Items.TryGetValue(BodyKey, out var body) ? body as string : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var route = http.GetEndpoint()?.Metadata.GetMetadata<SandboxRoute>();
        if (route is null)
        {
            return await next(context);
        }

        var state = http.RequestServices.GetRequiredService<SandboxState>();
        var scope = http.Request.RouteValues[route.ScopeRouteValue] as string ?? "";
        if (!state.HasScope(route.System, scope))
        {
            // Not counted: the real host would not exist.
            return Results.Text($"Unknown {(route.System == "erp" ? "tenant" : "account")} '{scope}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var body = await ReadBodyAsync(http);
        http.Items[BodyKey] = body;

        var latency = state.Latency.Next(route.FullKey, route.ShortKey);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, state.Time, http.RequestAborted);
        }

        var decision = state.Faults.Decide(route.FullKey, route.ShortKey, scope);
        if (decision.DelayMs > 0)
        {
            await Task.Delay(decision.DelayMs, http.RequestAborted);
        }

        var limit = state.RateLimits.Take(route, scope);
        if (limit is { } l)
        {
            var headers = http.Response.Headers;
            headers["Ratelimit-Limit"] = l.Limit.ToString(CultureInfo.InvariantCulture);
            headers["Ratelimit-Remaining"] = l.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["Ratelimit-Reset"] = l.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            if (limit is { Allowed: false } refused)
            {
                await WriteFaultAsync(http, StatusCodes.Status429TooManyRequests, refused.RetryAfterSeconds, "Too Many Requests: the route's or the account's rate limit was reached.");
            }
            else if (decision.Status is int faultStatus)
            {
                await WriteFaultAsync(http, faultStatus, decision.RetryAfterSeconds);
            }
            else if (route.System == "vtex" && state.Vtex.Authorize(http, scope) is { } denied)
            {
                await denied.ExecuteAsync(http);
            }
            else
            {
                var result = await next(context);
                if (decision.LoseResponse)
                {
                    await WriteFaultAsync(http, StatusCodes.Status504GatewayTimeout, 0);
                }
                else
                {
                    await ExecuteAsync(http, result);
                }
            }
        }
        catch (Exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            Record(state, route, scope, http, body);
            throw;
        }

        Record(state, route, scope, http, body);
        return Results.Empty;
    }

    private static void Record(SandboxState state, SandboxRoute route, string scope, HttpContext http, string? body)
    {
        var status = http.Response.StatusCode;
        state.Stats.Record(route, scope, status);
        if (route.System != "vtex")
        {
            return;
        }

        var path = http.Request.PathBase.Add(http.Request.Path).Value ?? "";
        var marker = $"/{route.UrlPrefix}/{scope}";
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        var relative = at >= 0 ? path[(at + marker.Length)..] : path;
        var now = state.Time.GetUtcNow();
        state.Journal.Add(seq => new JournalEntry(
            seq,
            now,
            scope,
            route.Api,
            http.Request.Method,
            relative,
            route.Template,
            http.Request.QueryString.Value ?? "",
            http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            http.Request.ContentType,
            http.Request.Headers.Accept.ToString() is { Length: > 0 } accept ? accept : null,
            body,
            status));
    }

    private static async Task<string?> ReadBodyAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        request.Body.Position = 0;
        return text;
    }

    private static Task ExecuteAsync(HttpContext http, object? result) => result switch
    {
        IResult r => r.ExecuteAsync(http),
        null => Task.CompletedTask,
        string s => http.Response.WriteAsync(s, http.RequestAborted),
        _ => http.Response.WriteAsJsonAsync(result, result.GetType(), SandboxJson.Vtex, http.RequestAborted),
    };

    private static Task WriteFaultAsync(HttpContext http, int status, int retryAfterSeconds, string? message = null)
    {
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        var text = message ?? status switch
        {
            StatusCodes.Status429TooManyRequests => "Too Many Requests (sandbox fault injection)",
            StatusCodes.Status503ServiceUnavailable => "Service Unavailable (sandbox fault injection)",
            StatusCodes.Status504GatewayTimeout => "Gateway Timeout (sandbox fault injection; the request was processed)",
            _ => $"Sandbox fault injection: {status.ToString(CultureInfo.InvariantCulture)} on {http.Request.GetDisplayUrl()}",
        };
        return http.Response.WriteAsync(text, http.RequestAborted);
    }
}
