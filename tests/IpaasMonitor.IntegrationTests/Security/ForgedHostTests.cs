using System.Net;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>
/// A forged <c>Host:</c> header is refused by host filtering (AllowedHosts of appsettings.json); and even where a
/// deployment allows any host, no redirect echoes it: every Location is a local path.
/// </summary>
public sealed class ForgedHostTests
{
    private const string Forged = "evil.example";

    [Fact]
    public async Task WithTheShippedSettings_AForgedHost_IsRefused_AndNotEchoed()
    {
        await using var app = new IpaasMonitorApp(scheduling: false);
        using var client = SignIn.Anonymous(app);

        foreach (var path in new[] { "/mensagens", "/conta/entrar", "/cultura/en?voltar=%2F", "/health" })
        {
            using var request = Forge(HttpMethod.Get, path);
            using var response = await client.SendAsync(request);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
            response.Headers.Location.Should().BeNull();
            (await response.Content.ReadAsStringAsync()).Should().NotContain(Forged);
        }
    }

    [Fact]
    public async Task WhereAnyHostIsAllowed_NoRedirect_EchoesTheForgedHost()
    {
        await using var app = new IpaasMonitorApp(scheduling: false, extra: new Dictionary<string, string?> { ["AllowedHosts"] = "*" });
        using var client = SignIn.Anonymous(app);
        var locations = new List<string>();

        using (var anonymous = Forge(HttpMethod.Get, "/mensagens"))
        using (var response = await client.SendAsync(anonymous))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            locations.Add(response.Headers.Location!.OriginalString);
        }

        var page = await client.GetStringAsync("/conta/entrar?returnUrl=%2Fdiagramas");
        using (var login = Forge(HttpMethod.Post, "/conta/entrar?returnUrl=%2Fdiagramas"))
        {
            login.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = SignIn.TokenIn(page),
                ["_handler"] = "login",
                ["Input.Email"] = SignIn.Admin,
                ["Input.Password"] = SignIn.Passwords[SignIn.Admin],
            });
            using var response = await client.SendAsync(login);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            locations.Add(response.Headers.Location!.OriginalString);
        }

        foreach (var path in new[] { "/cultura/en?voltar=%2Fmensagens", "/hangfire", "/conta/acesso-negado" })
        {
            using var request = Forge(HttpMethod.Get, path);
            using var response = await client.SendAsync(request);
            if (response.Headers.Location is { } location)
            {
                locations.Add(location.OriginalString);
            }
        }

        var monitor = await client.GetStringAsync("/mensagens");
        using (var logout = Forge(HttpMethod.Post, "/conta/sair"))
        {
            logout.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SignIn.TokenIn(monitor) });
            using var response = await client.SendAsync(logout);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            locations.Add(response.Headers.Location!.OriginalString);
        }

        locations.Should().HaveCountGreaterThanOrEqualTo(4);
        locations.Should().OnlyContain(l => l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal), "a Location is a local path");
        locations.Should().NotContain(l => l.Contains(Forged, StringComparison.OrdinalIgnoreCase));
    }

    private static HttpRequestMessage Forge(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = Forged;
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }
}
