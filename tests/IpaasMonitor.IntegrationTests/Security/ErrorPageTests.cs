using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>
/// 404 and 500 in Production: a friendly page with a correlation id that is also in the log; never a stack, a
/// source path, a header or the auth cookie. In Development the developer page stays, without the cookie's value.
/// </summary>
public sealed partial class ErrorPageTests
{
    [Fact]
    public async Task InProduction_A404_IsAFriendlyPage_WithACorrelationIdThatIsLogged()
    {
        await using var root = new IpaasMonitorApp(scheduling: false);
        var app = InEnvironment(root, "Production");
        using var client = await SignedInAsync(app);

        using var response = await client.GetAsync("/nao-existe/../de-jeito-nenhum?x=<script>");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.Should().Contain("Página não encontrada");
        await AssertSafeAndLoggedAsync(root, client, page);
    }

    [Fact]
    public async Task InProduction_A500_IsAFriendlyPage_InEnglishToo_WithNoStackPathOrHeader()
    {
        await using var root = new IpaasMonitorApp(scheduling: false);
        var app = InEnvironment(root, "Production");
        using var client = await SignedInAsync(app);
        using (var english = await client.GetAsync("/cultura/en?voltar=%2F"))
        {
            english.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, FaultyRoute.Path);
        request.Headers.Add("X-Probe-Header", "probe-header-value");
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.Should().Contain("Something went wrong").And.NotContain(FaultyRoute.Secret).And.NotContain("probe-header-value").And.NotContain("X-Probe-Header");
        await AssertSafeAndLoggedAsync(root, client, page);
    }

    [Fact]
    public async Task InDevelopment_TheDeveloperPage_DoesNotShowTheAuthCookie()
    {
        await using var root = new IpaasMonitorApp(scheduling: false);
        var app = InEnvironment(root, "Development");
        using var client = await SignedInAsync(app);
        using var probe = new HttpRequestMessage(HttpMethod.Get, FaultyRoute.Path);
        using var response = await client.SendAsync(probe);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.Should().Contain(FaultyRoute.Secret, "Development keeps the developer page");
        page.Should().Contain("ipaasmonitor.auth").And.Contain("[redacted]");
        page.Should().NotContain("CfDJ8", "no cookie value (the auth and antiforgery cookies are Data Protection tokens) is on the page");
    }

    private static WebApplicationFactory<Program> InEnvironment(IpaasMonitorApp root, string environment) =>
        root.WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FaultyRoute>());
        });

    private static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> app)
    {
        // Outside Development the auth cookie is Secure: the client talks HTTPS to the test server.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        var page = await client.GetStringAsync("/conta/entrar");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.TokenIn(page),
            ["_handler"] = "login",
            ["Input.Email"] = SignIn.Operator,
            ["Input.Password"] = SignIn.Passwords[SignIn.Operator],
        });
        using var response = await client.PostAsync("/conta/entrar", form);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task AssertSafeAndLoggedAsync(IpaasMonitorApp root, HttpClient client, string page)
    {
        var id = CorrelationId().Match(page).Groups[1].Value;
        id.Should().NotBeNullOrWhiteSpace("the page shows the request's correlation id");
        page.Should().NotContain(" at ").And.NotContain("Exception").And.NotContain(".cs:line").And.NotContain("/src/")
            .And.NotContain("ipaasmonitor.auth").And.NotContain("Cookie").And.NotContain("User-Agent").And.NotContain("<script>");
        var log = await Wait.UntilAsync(() => Task.FromResult(root.LogText()), text => text.Contains(id, StringComparison.Ordinal), TimeSpan.FromSeconds(10), $"correlation id {id} in the log");
        log.Should().Contain(id);
    }

    [GeneratedRegex("data-testid=\"correlation-id\">([^<]+)<")]
    private static partial Regex CorrelationId();

    /// <summary>A route that fails, after the app's whole pipeline: the only way to see a real 500 page on demand.</summary>
    private sealed class FaultyRoute : IStartupFilter
    {
        public const string Path = "/test-only/falha";
        public const string Secret = "secret-failure-detail-4711";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, b => b.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }
}
