using System.Net;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>
/// Sign-in attempts are rate-limited per client address and per account (ASP.NET Core rate limiting). The limiter
/// runs on real time, so each test configures small permits and, where it waits, a one-second window.
/// </summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task PerAccount_TheAttemptAfterTheLimit_Answers429_InPortuguese_AndOtherAccountsStillSignIn()
    {
        await using var app = App(perIp: 100, perAccount: 3, accountWindow: "00:10:00");
        using var client = SignIn.Anonymous(app);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await SignIn.PostLoginAsync(client, "Ghost@Example.com", "wrong-password");
            failed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var limited = await SignIn.PostLoginAsync(client, " ghost@example.com ", "wrong-password");
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the account key ignores case and spaces");
        limited.Headers.RetryAfter.Should().NotBeNull();
        WebUtility.HtmlDecode(await limited.Content.ReadAsStringAsync()).Should().Contain("Muitas tentativas de entrar. Aguarde 10 minuto(s)");

        using var other = await SignIn.PostLoginAsync(client, SignIn.Viewer, SignIn.Passwords[SignIn.Viewer]);
        other.StatusCode.Should().Be(HttpStatusCode.Redirect, "another account from the same address is not limited");

        var audited = await app.DbAsync(db => db.Audit.CountAsync(a => a.Action == "login-failed"));
        audited.Should().Be(3, "the limited attempt never reached the sign-in");
    }

    [Fact]
    public async Task PerAddress_TheAttemptAfterTheLimit_Answers429_InEnglish_WhateverTheAccount()
    {
        await using var app = App(perIp: 3, perAccount: 100, accountWindow: "00:10:00");
        using var client = SignIn.Anonymous(app);
        (await client.GetStringAsync("/conta/entrar?culture=en")).Should().Contain("Sign in");

        for (var i = 0; i < 3; i++)
        {
            using var failed = await SignIn.PostLoginAsync(client, $"user{i}@example.com", "wrong-password");
            failed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var limited = await SignIn.PostLoginAsync(client, SignIn.Viewer, SignIn.Passwords[SignIn.Viewer]);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        WebUtility.HtmlDecode(await limited.Content.ReadAsStringAsync()).Should().Contain("Too many sign-in attempts. Wait 1 minute(s)");

        using var page = await client.GetAsync("/conta/entrar");
        page.StatusCode.Should().Be(HttpStatusCode.OK, "only sign-in posts are limited, not the form");
    }

    [Fact]
    public async Task TheLimit_EndsWithItsWindow()
    {
        await using var app = App(perIp: 100, perAccount: 2, accountWindow: "00:00:01");
        using var client = SignIn.Anonymous(app);
        HttpStatusCode last = 0;
        for (var i = 0; i < 3; i++)
        {
            using var response = await SignIn.PostLoginAsync(client, SignIn.Operator, "wrong-password");
            last = response.StatusCode;
        }

        last.Should().Be(HttpStatusCode.TooManyRequests);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var afterWindow = await SignIn.PostLoginAsync(client, SignIn.Operator, SignIn.Passwords[SignIn.Operator]);
        afterWindow.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static IpaasMonitorApp App(int perIp, int perAccount, string accountWindow)
    {
        var app = new IpaasMonitorApp(scheduling: false, extra: new Dictionary<string, string?>
        {
            ["Auth:SignInLimit:PerAddressPermits"] = perIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:SignInLimit:PerAddressWindow"] = "00:01:00",
            ["Auth:SignInLimit:PerAccountPermits"] = perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:SignInLimit:PerAccountWindow"] = accountWindow,
        });
        _ = app.Services;
        return app;
    }
}
