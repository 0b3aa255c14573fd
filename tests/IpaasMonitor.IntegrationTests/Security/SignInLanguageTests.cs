using System.Net;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>The sign-in form, its validation messages included, in pt-BR by default and in English with <c>?culture=en</c>.</summary>
public sealed class SignInLanguageTests : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(scheduling: false);

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EmptyForm_IsRefusedInPortuguese_ByDefault()
    {
        using var client = SignIn.Anonymous(app);

        using var response = await SignIn.PostLoginAsync(client, "", "");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.Should().Contain("Informe o e-mail.").And.Contain("Informe a senha.").And.Contain("Senha");
    }

    [Fact]
    public async Task EmptyForm_IsRefusedInEnglish_AfterCultureEn()
    {
        using var client = SignIn.Anonymous(app);
        (await client.GetStringAsync("/conta/entrar?culture=en")).Should().Contain("Sign in").And.Contain("Password");

        using var response = await SignIn.PostLoginAsync(client, "", "");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.Should().Contain("Enter the e-mail.").And.Contain("Enter the password.").And.NotContain("Informe").And.NotContain("Senha");
        page.Should().Contain("<html lang=\"en\">");
    }
}
