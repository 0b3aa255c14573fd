using System.Net;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>Every redirect the app answers points to a local path: hostile targets fall back to the monitor's start page.</summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(scheduling: false);

    public static TheoryData<string> HostileTargets => new()
    {
        "%2F%5Cevil.example",          // /\evil.example
        "%2F%09%2Fevil.example",       // /<TAB>/evil.example
        "%2F%2Fevil.example",          // //evil.example
        "https%3A%2F%2Fevil.example",  // https://evil.example
        "%2F%0D%0ASet-Cookie%3A%20x%3D1", // /<CR><LF>Set-Cookie: x=1
        "%2Fmensagens%0ALocation%3A%20https%3A%2F%2Fevil.example",
        "%5C%5Cevil.example",          // \\evil.example
        "evil.example",
        "%2F%00",
    };

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task LanguageSwitch_WithAHostileTarget_RedirectsToTheStartPage(string escapedTarget)
    {
        using var client = await SignIn.AsAsync(app, SignIn.Viewer);

        using var response = await client.GetAsync($"/cultura/en?voltar={escapedTarget}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task LanguageSwitch_WithALocalTarget_KeepsPathAndQuery()
    {
        using var client = await SignIn.AsAsync(app, SignIn.Viewer);

        using var response = await client.GetAsync("/cultura/en?voltar=%2Fmensagens%3Fbusca%3Dabc");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/mensagens?busca=abc");
    }

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task SignIn_WithAHostileReturnUrl_RedirectsToTheStartPage(string escapedTarget)
    {
        using var client = SignIn.Anonymous(app);

        using var response = await SignIn.PostLoginAsync(client, SignIn.Viewer, SignIn.Passwords[SignIn.Viewer], $"?returnUrl={escapedTarget}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task SignIn_WithALocalReturnUrl_GoesThere_AsAPathOnly()
    {
        using var client = SignIn.Anonymous(app);

        using var response = await SignIn.PostLoginAsync(client, SignIn.Viewer, SignIn.Passwords[SignIn.Viewer], "?returnUrl=%2Fdiagramas");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/diagramas");
    }

    [Fact]
    public async Task AnonymousPage_RedirectsToSignIn_WithAPathOnlyLocation()
    {
        using var client = SignIn.Anonymous(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mensagens?busca=x");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.IsAbsoluteUri.Should().BeFalse();
        response.Headers.Location.OriginalString.Should().StartWith("/conta/entrar?ReturnUrl=%2Fmensagens");
    }
}
