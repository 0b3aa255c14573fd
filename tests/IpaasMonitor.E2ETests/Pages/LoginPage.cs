using System.Text.RegularExpressions;
using IpaasMonitor.E2ETests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IpaasMonitor.E2ETests.Pages;

/// <summary>/conta/entrar: a static server-rendered form (no circuit), so it can be used as soon as it shows.</summary>
public sealed partial class LoginPage(BrowserSession session)
{
    public const string Path = "conta/entrar";

    private IPage Page => session.Page;

    public ILocator Email => Page.GetByLabel("E-mail");

    public ILocator Password => Page.GetByLabel("Senha");

    public ILocator Submit => Page.GetByRole(AriaRole.Button, new() { Name = "Entrar" });

    public async Task ExpectShownAsync()
    {
        await Expect(Page).ToHaveURLAsync(LoginUrl());
        await Expect(Email).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("login-submit")).ToBeVisibleAsync();
    }

    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await Submit.ClickAsync();
        await Expect(Page).Not.ToHaveURLAsync(LoginUrl());
        await Expect(Page.GetByTestId("current-user")).ToHaveTextAsync(email);
    }

    /// <summary>Signs out with the app bar's form button and lands on the login page.</summary>
    public async Task SignOutAsync()
    {
        await Page.GetByTestId("logout").ClickAsync();
        await ExpectShownAsync();
    }

    [GeneratedRegex(@"/conta/entrar(\?|$)")]
    private static partial Regex LoginUrl();
}
