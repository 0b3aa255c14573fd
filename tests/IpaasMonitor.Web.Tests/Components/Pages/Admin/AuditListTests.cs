using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Components.Pages.Admin;
using IpaasMonitor.Web.Security;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Components.Pages.Admin;

public sealed class AuditListTests : MonitorTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ActAs("admin@teste", Roles.Admin);
    }

    [Fact]
    public async Task FiltersByActionFromTheUrl_NewestFirst_WithPortugueseLabels()
    {
        await Database.InsertAsync([
            Entry(Now.AddMinutes(-30), "ana@teste", AuditLog.LoginSucceeded, "user", "ana@teste"),
            Entry(Now.AddMinutes(-20), "otto@teste", AuditLog.RunNow, "diagram", "LOJA-A:D02"),
            Entry(Now.AddMinutes(-10), "otto@teste", AuditLog.DiagramDisabled, "diagram", "LOJA-A:D02"),
            Entry(Now.AddMinutes(-5), "otto@teste", AuditLog.RunNow, "diagram", "LOJA-A:D05"),
        ]);
        NavigateTo("auditoria?acao=run-now");

        var cut = Render<AuditList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().HaveCount(2));
        var rows = cut.FindAll("[data-testid=audit-row]");
        rows.Select(r => r.GetAttribute("data-action")).Should().OnlyContain(a => a == AuditLog.RunNow);
        rows[0].TextContent.Should().Contain("LOJA-A:D05", "newest first").And.Contain("Executou agora");
        rows[1].TextContent.Should().Contain("LOJA-A:D02");

        NavigateTo("auditoria?usuario=ANA");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().ContainSingle()
            .Which.TextContent.Should().Contain("Entrou"));

        NavigateTo("auditoria?alvo=LOJA-A:D02&de=2024-03-07T18:45");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().ContainSingle()
            .Which.GetAttribute("data-action").Should().Be(AuditLog.DiagramDisabled));
    }

    [Fact]
    public async Task DateFields_FilterTheLog_AsTheBrowserSendsThemWithSeconds()
    {
        await Database.InsertAsync([
            Entry(Now.AddMinutes(-30), "ana@teste", AuditLog.LoginSucceeded, "user", "ana@teste"),
            Entry(Now.AddMinutes(-20), "otto@teste", AuditLog.RunNow, "diagram", "LOJA-A:D02"),
            Entry(Now.AddMinutes(-5), "otto@teste", AuditLog.RunNow, "diagram", "LOJA-A:D05"),
        ]);
        NavigateTo("auditoria");
        var cut = Render<AuditList>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().HaveCount(3));

        // 18:40 São Paulo = 21:40 UTC: only the entries of 21:40 and later remain.
        cut.Find("input[data-testid=audit-from]").Change("2024-03-07T18:40:00");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().HaveCount(2));
        Services.GetRequiredService<NavigationManager>().Uri.Should().Contain("de=2024-03-07T18%3A40");

        // Até 18:50 includes that minute and stops there: the 21:55 entry goes.
        cut.Find("input[data-testid=audit-to]").Change("2024-03-07T18:50:00");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().ContainSingle()
            .Which.TextContent.Should().Contain("LOJA-A:D02"));
    }

    [Fact]
    public async Task PagesWithAKeysetCursorInTheUrl()
    {
        await Database.InsertAsync(Enumerable.Range(1, 60).Select(i => (object)Entry(Now.AddMinutes(-60 + i), "otto@teste", AuditLog.RunNow, "diagram", $"D{i:00}")));
        NavigateTo("auditoria");
        var cut = Render<AuditList>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().HaveCount(50));
        cut.FindAll("[data-testid=audit-row]")[0].TextContent.Should().Contain("D60");
        cut.Find("button[data-testid=audit-newer]").HasAttribute("disabled").Should().BeTrue();

        await cut.Find("button[data-testid=audit-older]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().HaveCount(10));
        Services.GetRequiredService<NavigationManager>().Uri.Should().Contain("antes=");
        cut.FindAll("[data-testid=audit-row]")[0].TextContent.Should().Contain("D10");
        cut.Find("button[data-testid=audit-older]").HasAttribute("disabled").Should().BeTrue();

        await cut.Find("button[data-testid=audit-newer]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=audit-row]").Should().HaveCount(50));
        cut.FindAll("[data-testid=audit-row]")[0].TextContent.Should().Contain("D60");
    }

    private static AuditEntry Entry(DateTime atUtc, string user, string action, string targetType, string targetId) =>
        new() { AtUtc = atUtc, UserName = user, Action = action, TargetType = targetType, TargetId = targetId };
}
