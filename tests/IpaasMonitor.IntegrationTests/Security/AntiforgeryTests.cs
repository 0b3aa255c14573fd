using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>No state-changing request is served without a valid antiforgery token, sign-out included.</summary>
public sealed class AntiforgeryTests : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(scheduling: false);

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task SignOut_WithoutAValidToken_IsRefused_AndTheUserStaysSignedIn(string? token)
    {
        using var client = await SignIn.AsAsync(app, SignIn.Operator);
        var fields = new Dictionary<string, string>();
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        using var form = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync("/conta/sair", form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Recarregue a página");
        using var after = await GetPageAsync(client, "/mensagens");
        after.StatusCode.Should().Be(HttpStatusCode.OK, "the refused sign-out must not have ended the session");
    }

    [Fact]
    public async Task SignOut_WithThePagesToken_SignsOut()
    {
        using var client = await SignIn.AsAsync(app, SignIn.Operator);
        using var page = await GetPageAsync(client, "/mensagens");
        var token = SignIn.TokenIn(await page.Content.ReadAsStringAsync());
        token.Should().NotBeEmpty("every monitor page carries the sign-out form and its token");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync("/conta/sair", form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/conta/entrar");
        using var after = await GetPageAsync(client, "/mensagens");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    /// <summary>
    /// Every endpoint that accepts a method other than GET/HEAD (outside the Hangfire dashboard, which checks its own
    /// token, and Blazor's circuit hub) declares antiforgery, and a signed-in POST without a token is refused with 400:
    /// a new endpoint that forgets it fails here.
    /// </summary>
    [Fact]
    public async Task EveryStateChangingEndpoint_RequiresAntiforgery_AndRefusesAPostWithoutToken()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var stateChanging = endpoints
            .Select(e => (Endpoint: e, Path: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(e => !e.Path.StartsWith("/hangfire", StringComparison.OrdinalIgnoreCase) && !e.Path.StartsWith("/_blazor", StringComparison.Ordinal))
            .Where(e => e.Methods is null || e.Methods.Any(m => m is not ("GET" or "HEAD")))
            .ToList();
        stateChanging.Should().Contain(e => e.Path == "/conta/sair").And.Contain(e => e.Path == "/conta/entrar");

        var undeclared = stateChanging
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
            .Select(e => $"{string.Join(',', e.Methods ?? ["*"])} {e.Path}")
            .ToList();
        undeclared.Should().BeEmpty();

        using var client = await SignIn.AsAsync(app, SignIn.Admin);
        var accepted = new List<string>();
        foreach (var (_, path, _) in stateChanging)
        {
            var concrete = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]*guid[^}]*}", Guid.NewGuid().ToString());
            concrete = System.Text.RegularExpressions.Regex.Replace(concrete, "{[^}]+}", "x");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login" });
            using var response = await client.PostAsync(concrete, form);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"POST {concrete}: {(int)response.StatusCode}");
            }
        }

        accepted.Should().BeEmpty();
        using var stillIn = await GetPageAsync(client, "/mensagens");
        stillIn.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> GetPageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return await client.SendAsync(request);
    }
}
