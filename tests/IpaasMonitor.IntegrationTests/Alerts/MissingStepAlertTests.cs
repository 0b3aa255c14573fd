using System.Text.Json;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Sandbox.Faults;
using IpaasMonitor.Sandbox.Vtex;
using IpaasMonitor.Testing.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static IpaasMonitor.IntegrationTests.Orders.OrderTestKit;

namespace IpaasMonitor.IntegrationTests.Alerts;

/// <summary>
/// The demo check of issue 13 on the real app: the embedded VTEX OMS stops answering the order step (GET order, 26),
/// an order placed in VTEX does not reach the ERP, and after the rule's N minutes (alert time moved by a FakeTimeProvider)
/// the "order not in the ERP" alert opens once, with one e-mail to a real SMTP server and one post to a real webhook
/// receiver; while it holds nothing more is sent; once the order flows again both say it is resolved.
/// </summary>
public sealed class MissingStepAlertTests : IAsyncLifetime
{
    private const string OmsOrderStep = "vtex:GET oms/order";
    private const string Recipient = "suporte@example.com";

    private readonly LocalSmtpServer smtp = new();
    private WebhookReceiver hook = null!;
    private AlertApp app = null!;

    public async Task InitializeAsync()
    {
        hook = await WebhookReceiver.StartAsync();
        app = new AlertApp(new FakeTimeProvider(DateTimeOffset.UtcNow), Settings(new()
        {
            ["IpaasMonitor:Resilience:Vtex:BaseDelay"] = "00:00:00",
            ["Alerts:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Smtp:From"] = "monitor@example.com",
            ["Alerts:Webhooks:suporte"] = hook.Url,
            ["Alerts:Defaults:EmailTo"] = Recipient,
            ["Alerts:Defaults:Webhooks"] = "suporte",
        }));
        _ = app.Services;

        // Only the rule under test: the feed-silence rule would also fire once alert time moves (no scheduler in tests).
        await app.DbAsync(db => db.AlertRules.Where(r => r.Kind != AlertRuleKind.OrderNotInErp).ExecuteUpdateAsync(s => s.SetProperty(r => r.Enabled, false)));
        await RunAsync(app, 23);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await hook.DisposeAsync();
        smtp.Dispose();
    }

    [Fact]
    public async Task OmsOrderStepStopped_OpensOneMissingStepAlert_MailsAndPostsIt_AndBothSayResolvedWhenTheOrderFlowsAgain()
    {
        var rule = await app.DbAsync(db => db.AlertRules.AsNoTracking().SingleAsync(r => r.Kind == AlertRuleKind.OrderNotInErp));
        rule.EmailTo.Should().Be(Recipient, "the default rules are seeded with Alerts:Defaults");

        app.Sandbox.State.Faults.Set(new FaultRule { Route = OmsOrderStep, ErrorRate = 1 });
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse });
        await RunAsync(app, 24, 26);
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.Received, "26 could not read the order from VTEX");

        // Within the rule's N minutes: no alert.
        await app.EvaluateAsync();
        (await OpenAlertsAsync()).Should().BeEmpty();

        app.Clock.Advance(TimeSpan.FromMinutes(rule.Minutes + 1));
        await app.EvaluateAsync();
        var alert = (await OpenAlertsAsync()).Should().ContainSingle().Subject;
        alert.ConnectionId.Should().Be(Connection);
        alert.Summary.Should().Contain(order.OrderId);

        var opened = (await smtp.WaitForAsync(1)).Single();
        opened.Subject.Should().Contain("Alerta aberto").And.Contain(rule.Name);
        opened.To.Mailboxes.Select(m => m.Address).Should().Equal(Recipient);
        opened.TextBody.Should().Contain(order.OrderId);
        var openedPost = Text((await hook.WaitForAsync(1)).Single());
        openedPost.Should().Contain("Alerta aberto").And.Contain(order.OrderId);

        // While it holds: the same episode, refreshed, and nothing more is sent.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.EvaluateAsync();
        await app.EvaluateAsync();
        await app.DeliverAsync();
        (await OpenAlertsAsync()).Should().ContainSingle().Which.Id.Should().Be(alert.Id);
        smtp.Messages.Should().HaveCount(1);
        hook.Bodies.Should().HaveCount(1);

        // It flows again: the order reaches the ERP and the alert resolves itself.
        app.Sandbox.State.Faults.Remove(OmsOrderStep);
        await RunAsync(app, 26, 27, 28);
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.InErp);
        await app.EvaluateAsync();
        (await OpenAlertsAsync()).Should().BeEmpty();

        var mails = await smtp.WaitForAsync(2);
        var subjects = mails.Select(m => m.Subject ?? "").ToList();
        subjects.Should().ContainSingle(s => s.Contains("Alerta aberto")).And.ContainSingle(s => s.Contains("Alerta resolvido"));
        subjects.Single(s => s.Contains("Alerta resolvido")).Should().Contain(rule.Name);
        Text((await hook.WaitForAsync(2))[1]).Should().Contain("Alerta resolvido");

        var notifications = await app.DbAsync(db => db.AlertNotifications.AsNoTracking().Where(n => n.AlertId == alert.Id).ToListAsync());
        notifications.Should().HaveCount(4).And.OnlyContain(n => n.State == NotificationState.Sent && n.Attempts == 1);
        var episode = await app.DbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id));
        episode.ResolvedAtUtc.Should().NotBeNull();
        episode.OpenSubject.Should().BeNull();

        // /alertas lists it in the history, resolved, with the delivery state of its four notifications.
        using var http = await SignedInClientAsync(app);
        var page = await http.GetStringAsync("/alertas");
        page.Should().Contain($"data-alert=\"{alert.Id}\" data-state=\"resolved\"");
        System.Text.RegularExpressions.Regex.Count(page, "data-testid=\"notification\"[^>]*data-state=\"Sent\"").Should().Be(4);
    }

    private Task<List<Alert>> OpenAlertsAsync() =>
        app.DbAsync(db => db.Alerts.AsNoTracking().Where(a => a.OpenSubject != null).ToListAsync());

    /// <summary>The webhook's <c>text</c>: the field Teams and Slack incoming webhooks show.</summary>
    private static string Text(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("text").GetString()!;
    }
}
