using System.Net;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>Oversized sign-in input is refused with a validation message and never stored or logged whole.</summary>
public sealed class InputLimitTests
{
    private const int OneMegabyte = 1024 * 1024;

    [Fact]
    public async Task AOneMegabyteEmail_IsRefused_AndTheAuditRowAndTheLogStayBounded()
    {
        await using var app = new IpaasMonitorApp(scheduling: false);
        _ = app.Services;
        using var client = SignIn.Anonymous(app);
        var email = new string('a', OneMegabyte - "@example.com".Length) + "@example.com";

        using var response = await SignIn.PostLoginAsync(client, email, "wrong-password");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a validation error shows the form again");
        var page = await response.Content.ReadAsStringAsync();
        WebUtility.HtmlDecode(page).Should().Contain("E-mail longo demais (até 256 caracteres).");
        page.Length.Should().BeLessThan(64 * 1024, "the page does not echo the megabyte back");

        // The real stored size, in bytes, of every text column of the attempt's audit rows.
        var rows = await app.DbAsync(db => db.Audit.CountAsync(a => a.Action == "login-failed"));
        var stored = await app.DbAsync(db => db.Database.SqlQueryRaw<long>(
            "SELECT COALESCE(SUM(length(CAST(UserName AS BLOB)) + length(CAST(Action AS BLOB)) + COALESCE(length(CAST(TargetType AS BLOB)), 0) " +
            "+ COALESCE(length(CAST(TargetId AS BLOB)), 0) + COALESCE(length(CAST(Reason AS BLOB)), 0) + COALESCE(length(CAST(Details AS BLOB)), 0)), 0) AS \"Value\" " +
            "FROM AuditEntries").SingleAsync());
        rows.Should().Be(1, "the refused attempt is still audited, with the e-mail cut");
        stored.Should().BeLessThan(1024);

        var log = await Wait.UntilAsync(() => Task.FromResult(app.LogText()), text => text.Contains("Sign-in ", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the sign-in log line");
        log.Length.Should().BeLessThan(64 * 1024);
        log.Should().NotContain(new string('a', 300));
    }

    [Fact]
    public async Task AOneMegabytePassword_IsRefusedBeforeHashing()
    {
        await using var app = new IpaasMonitorApp(scheduling: false);
        _ = app.Services;
        using var client = SignIn.Anonymous(app);

        using var response = await SignIn.PostLoginAsync(client, SignIn.Viewer, new string('x', OneMegabyte));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain("Senha longa demais (até 128 caracteres).");
        var failures = await app.DbAsync(db => db.Audit.Where(a => a.UserName == SignIn.Viewer).Select(a => a.Action).ToListAsync());
        failures.Should().Equal(["login-failed"]);
    }
}
