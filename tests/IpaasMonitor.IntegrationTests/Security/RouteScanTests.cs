using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Security;

public sealed class RouteScanTests : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(scheduling: false);

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EveryEndpoint_WithoutASession_RedirectsToLoginOrAnswers401_ExceptHealthAndLogin()
    {
        var anonymousAllowed = new[] { "/health", "/conta/entrar" };
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Should().HaveCountGreaterThan(5);
        using var client = SignIn.Anonymous(app);
        var checkedRoutes = new List<string>();
        var problems = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var path = Concrete(endpoint.RoutePattern.RawText ?? "");
            if (path.StartsWith("/_", StringComparison.Ordinal) || path.Contains('.', StringComparison.Ordinal))
            {
                continue; // framework assets (_framework, _content, _blazor negotiation) and static files
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                request.Headers.Accept.ParseAdd("text/html");
                using var response = await client.SendAsync(request);
                checkedRoutes.Add($"{method} {path}");
                var status = (int)response.StatusCode;
                if (anonymousAllowed.Contains(path))
                {
                    if (status >= 400 && !(method == "POST" && status == 400))
                    {
                        problems.Add($"{method} {path}: {status}, expected to be reachable");
                    }

                    continue;
                }

                var toLogin = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.ToString().Contains("/conta/entrar", StringComparison.Ordinal) == true;
                var refusedByAntiforgery = method != "GET" && status == 400; // a POST without token never reaches the handler
                if (!toLogin && response.StatusCode != HttpStatusCode.Unauthorized && !refusedByAntiforgery)
                {
                    problems.Add($"{method} {path}: {status} {response.Headers.Location}");
                }
            }
        }

        checkedRoutes.Should().Contain(r => r.EndsWith(" /hangfire/{**path}", StringComparison.Ordinal) || r.Contains("/hangfire", StringComparison.Ordinal));
        checkedRoutes.Should().Contain("GET /mensagens");
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Health_IsAnonymous_AndRevealsNoSecretsOrAddresses()
    {
        using var client = SignIn.Anonymous(app);
        var body = await client.GetStringAsync("/health");
        body.Should().Contain("database").And.Contain("hangfire");
        body.Should().NotContain("Data Source").And.NotContain("127.0.0.1").And.NotContain("sandbox-secret").And.NotContain("SANDBOX-TOKEN");
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        using var client = SignIn.Anonymous(app);
        using var response = await client.GetAsync("/conta/entrar");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'").And.Contain("default-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().NotBeNullOrEmpty();
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        cookies.Should().OnlyContain(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    private static string Concrete(string pattern)
    {
        var path = "/" + pattern.TrimStart('/');
        return System.Text.RegularExpressions.Regex.Replace(path, "{([^}]+)}", m =>
        {
            var spec = m.Groups[1].Value;
            if (spec.StartsWith("**", StringComparison.Ordinal) || spec.StartsWith('*'))
            {
                return "";
            }

            return spec.Contains(":guid", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
                : spec.Contains(":int", StringComparison.OrdinalIgnoreCase) ? "1"
                : "x";
        }).TrimEnd('/') is { Length: > 0 } p ? p : "/";
    }
}
