using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Alerts;
using IpaasMonitor.Web.Components.Pages.Alerts;
using IpaasMonitor.Web.Security;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace IpaasMonitor.Web.Tests.Components.Pages.Alerts;

/// <summary>/alertas: open alerts with their notifications' delivery state, the history, and the operator's acknowledgement.</summary>
public sealed class AlertListTests : MonitorTestContext
{
    private long openId;
    private long resolvedId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddAlerts(new ConfigurationBuilder().Build());
        var rule = new AlertRule { Name = "Pedido sem ERP", Kind = AlertRuleKind.OrderNotInErp, Minutes = 15, UpdatedAtUtc = Now };
        await Database.InsertAsync([rule]);
        var open = new Alert { RuleId = rule.Id, Subject = "VA-CUSTOMIZADA/v-1", OpenSubject = "VA-CUSTOMIZADA/v-1", ConnectionId = "VA-CUSTOMIZADA", Summary = "Pedido v-1 de VA-CUSTOMIZADA …", OpenedAtUtc = Now.AddMinutes(-5), LastSeenAtUtc = Now };
        var resolved = new Alert { RuleId = rule.Id, Subject = "MODA-CENTRO/v-2", ConnectionId = "MODA-CENTRO", Summary = "Pedido v-2 de MODA-CENTRO …", OpenedAtUtc = Now.AddHours(-2), LastSeenAtUtc = Now.AddHours(-1), ResolvedAtUtc = Now.AddHours(-1) };
        await Database.InsertAsync([open, resolved]);
        openId = open.Id;
        resolvedId = resolved.Id;
        await Database.InsertAsync([
            new AlertNotification { AlertId = openId, Event = AlertEvent.Opened, Channel = NotificationChannel.Email, Target = "ops@example.com", Subject = "s", Body = "b", State = NotificationState.Sent, Attempts = 1, CreatedAtUtc = Now, NextAttemptAtUtc = Now, SentAtUtc = Now },
            new AlertNotification { AlertId = openId, Event = AlertEvent.Opened, Channel = NotificationChannel.Webhook, Target = "teams", Subject = "s", Body = "b", State = NotificationState.Pending, Attempts = 2, CreatedAtUtc = Now, NextAttemptAtUtc = Now.AddMinutes(2), LastError = "Webhook 'teams' answered HTTP 503." },
        ]);
    }

    [Fact]
    public void OpenAlert_ShowsItsSummary_AndTheDeliveryStateOfEachNotification_AndTheHistoryHoldsBoth()
    {
        var cut = Render<AlertList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=open-alert]").Should().ContainSingle());
        cut.Find("[data-testid=alert-summary]").TextContent.Should().Contain("v-1");
        cut.Find("[data-testid=open-order-alerts]").GetAttribute("data-connection").Should().Be("VA-CUSTOMIZADA");
        cut.Find("[data-testid=open-alert] a").GetAttribute("href").Should().Be("pedidos/v-1", "each stuck order links to its trace");
        var notifications = cut.FindAll("[data-testid=open-alert] [data-testid=notification]");
        notifications.Select(n => n.GetAttribute("data-state")).Should().Equal("Sent", "Pending");
        notifications[1].TextContent.Should().Contain("webhook").And.Contain("teams").And.Contain("Pendente").And.Contain("2 tentativa(s)").And.Contain("503");
        cut.FindAll("[data-testid=history-alert]").Select(r => (r.GetAttribute("data-alert"), r.GetAttribute("data-state")))
            .Should().Equal((resolvedId.ToString(System.Globalization.CultureInfo.InvariantCulture), "resolved"), (openId.ToString(System.Globalization.CultureInfo.InvariantCulture), "open"));
    }

    [Fact]
    public async Task Operator_Acknowledges_Once_AndItIsAudited()
    {
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-ack]"));

        await cut.InvokeAsync(() => cut.Instance.AcknowledgeAsync(openId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=alert-acknowledged]").TextContent.Should().Contain("operador@teste"));
        var alert = await WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == openId));
        alert.AcknowledgedBy.Should().Be("operador@teste");
        alert.AcknowledgedAtUtc.Should().Be(Now);
        var audit = await WithDbAsync(db => db.Audit.AsNoTracking().ToListAsync());
        audit.Should().ContainSingle(a => a.Action == AuditLog.AlertAcknowledged && a.TargetId == openId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.UserName == "operador@teste");

        await cut.InvokeAsync(() => cut.Instance.AcknowledgeAsync(openId));
        (await WithDbAsync(db => db.Audit.CountAsync(a => a.Action == AuditLog.AlertAcknowledged))).Should().Be(1, "a second acknowledgement changes nothing");
    }

    [Fact]
    public async Task Viewer_SeesNoButton_AndTheServerRefusesTheAcknowledgement()
    {
        ActAs("visitante@teste", Roles.Viewer);
        var cut = Render<AlertList>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=open-alert]").Should().ContainSingle());

        cut.FindAll("[data-testid=alert-ack]").Should().BeEmpty();
        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.AcknowledgeAsync(openId))).Should().ThrowAsync<UnauthorizedAccessException>();
        (await WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == openId))).AcknowledgedAtUtc.Should().BeNull();
    }
}
