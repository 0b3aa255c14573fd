using System.Net;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Security;

public sealed class LockoutTests
{
    [Fact]
    public async Task RepeatedFailures_LockTheAccount_EvenForTheRightPassword_AndAreAudited()
    {
        await using var app = new IpaasMonitorApp(scheduling: false);
        _ = app.Services;
        using var client = SignIn.Anonymous(app);

        for (var i = 0; i < 5; i++)
        {
            using var failed = await SignIn.PostLoginAsync(client, SignIn.Operator, "wrong-password");
            failed.StatusCode.Should().Be(HttpStatusCode.OK, "a failed sign-in shows the form again");
        }

        using var right = await SignIn.PostLoginAsync(client, SignIn.Operator, SignIn.Passwords[SignIn.Operator]);
        right.StatusCode.Should().Be(HttpStatusCode.OK, "the account is locked, so even the right password is refused");
        (await right.Content.ReadAsStringAsync()).Should().Contain("bloqueada");

        var actions = await app.DbAsync(db => db.Audit.Where(a => a.UserName == SignIn.Operator).Select(a => a.Action).ToListAsync());
        actions.Count(a => a == "login-failed").Should().BeGreaterThanOrEqualTo(4);
        actions.Should().Contain("login-locked-out");
        actions.Should().NotContain("login");
    }
}
