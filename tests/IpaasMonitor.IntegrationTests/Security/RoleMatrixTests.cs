using System.Net;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>Each role against each protected HTTP action, called directly (bypassing the UI).</summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private const string Cpf = "123.456.789-09";
    private readonly IpaasMonitorApp app = new(scheduling: false);
    private Guid messageId;

    public async Task InitializeAsync()
    {
        _ = app.Services;
        var message = MessageRecorder.NewMessage("VA-CUSTOMIZADA", 27, null, "test",
            ItemResult.Fail("POST customer", "v100-01", $"{{\"clientProfileData\":{{\"document\":\"{Cpf}\",\"email\":\"joao@example.com\"}}}}", "ERP recusou"),
            DateTime.UtcNow);
        messageId = message.MessageId;
        await app.DbAsync(async db =>
        {
            db.Messages.Add(message);
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(SignIn.Viewer, HttpStatusCode.Redirect)]
    [InlineData(SignIn.Operator, HttpStatusCode.Redirect)]
    [InlineData(SignIn.Admin, HttpStatusCode.OK)]
    public async Task HangfireDashboard_IsForAdminsOnly(string user, HttpStatusCode expected)
    {
        using var client = await SignIn.AsAsync(app, user);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Redirect)
        {
            response.Headers.Location!.ToString().Should().Contain("/conta/acesso-negado");
        }
    }

    [Theory]
    [InlineData(SignIn.Viewer)]
    [InlineData(SignIn.Operator)]
    public async Task HangfireJobTrigger_IsRefused_ForNonAdmins(string user)
    {
        using var client = await SignIn.AsAsync(app, user);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "requeue-sweeper" });
        using var response = await client.PostAsync("/hangfire/recurring/trigger", form);
        ((int)response.StatusCode).Should().BeOneOf(302, 401, 403);
    }

    [Theory]
    [InlineData(SignIn.Viewer)]
    [InlineData(SignIn.Operator)]
    [InlineData(SignIn.Admin)]
    public async Task PayloadExport_IsMaskedForEveryRole(string user)
    {
        using var client = await SignIn.AsAsync(app, user);
        var body = await client.GetStringAsync($"/mensagens/{messageId}/payload");
        body.Should().Contain("***.456.789-**").And.NotContain(Cpf).And.NotContain("joao@");
    }

    [Theory]
    [InlineData(SignIn.Viewer, false)]
    [InlineData(SignIn.Operator, true)]
    [InlineData(SignIn.Admin, true)]
    public async Task PayloadReveal_IsForOperatorsAndAdmins_AndAudited(string user, bool allowed)
    {
        using var client = await SignIn.AsAsync(app, user);
        using var response = await client.GetAsync($"/mensagens/{messageId}/payload?revelar=true");
        var audits = await app.DbAsync(db => db.Audit.Where(a => a.Action == "reveal-personal-data" && a.TargetId == messageId.ToString()).ToListAsync());
        if (allowed)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).Should().Contain(Cpf);
            audits.Should().ContainSingle(a => a.UserName == user);
        }
        else
        {
            ((int)response.StatusCode).Should().BeOneOf(302, 403);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(Cpf);
            audits.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task SignIn_IsAudited_AndTheCookieIsHttpOnly()
    {
        using var client = SignIn.Anonymous(app);
        using var response = await SignIn.PostLoginAsync(client, SignIn.Viewer, SignIn.Passwords[SignIn.Viewer]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("ipaasmonitor.auth=", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
        var audit = await app.DbAsync(db => db.Audit.Where(a => a.Action == "login" && a.UserName == SignIn.Viewer).CountAsync());
        audit.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Requeue_AsAViewerThroughTheCircuitSeam_IsRefused()
    {
        // The components' only way to act is ICurrentUser.DemandAsync; a viewer principal must be refused there.
        await using var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>();
        ((Microsoft.AspNetCore.Components.Authorization.IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(
            Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(Principal(SignIn.Viewer, "Viewer"))));
        var user = scope.ServiceProvider.GetRequiredService<Web.Monitoring.ICurrentUser>();

        var act = () => user.DemandAsync(Web.Security.Roles.OperatePolicy);

        await act.Should().ThrowAsync<UnauthorizedAccessException>();
        (await user.IsAllowedAsync(Web.Security.Roles.OperatePolicy)).Should().BeFalse();
        var state = await app.DbAsync(db => db.Messages.Where(m => m.MessageId == messageId).Select(m => m.Situation).SingleAsync());
        state.Should().Be(MessageSituation.Failed);
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string name, string role) =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, name), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)],
            "test"));
}
