using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing.Alerts;
using IpaasMonitor.Web.Alerts;
using static IpaasMonitor.Web.Tests.Alerts.AlertTestHost;

namespace IpaasMonitor.Web.Tests.Alerts;

/// <summary>The outbox delivered to a real SMTP server and a real webhook receiver, both on loopback, started here.</summary>
public sealed class NotificationDispatcherTests : IAsyncLifetime
{
    private readonly LocalSmtpServer smtp = new();
    private WebhookReceiver hook = null!;
    private AlertTestHost host = null!;

    public async Task InitializeAsync()
    {
        hook = await WebhookReceiver.StartAsync();
        host = await CreateAsync(new Dictionary<string, string?>
        {
            ["Alerts:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Smtp:From"] = "monitor@example.com",
            ["Alerts:Webhooks:teams"] = hook.Url,
            ["Alerts:Webhooks:down"] = $"http://127.0.0.1:{LocalSmtpServer.FreePort()}/secret-token-path",
            ["Alerts:MaxAttempts"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await hook.DisposeAsync();
        smtp.Dispose();
    }

    [Fact]
    public async Task OpenedAlert_IsMailedAndPosted_AsATextBodyTeamsAndSlackAccept()
    {
        await OpenAlertAsync(email: "ops@example.com", webhooks: "teams");

        var sent = await Dispatcher().DeliverAsync(CancellationToken.None);

        sent.Should().Be(2);
        var mail = smtp.Messages.Should().ContainSingle().Subject;
        mail.Subject.Should().Be("[IpaasMonitor] Alerta aberto: CancelNotConfirmed — 1 pedido(s) de LOJA-A", "an order rule mails one digest per connection and evaluation");
        mail.From.Mailboxes.Single().Address.Should().Be("monitor@example.com");
        mail.To.Mailboxes.Single().Address.Should().Be("ops@example.com");
        mail.TextBody.Should().Contain("ord-1");
        using var json = JsonDocument.Parse(hook.Bodies.Should().ContainSingle().Subject);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("text");
        json.RootElement.GetProperty("text").GetString().Should().Contain("Alerta aberto").And.Contain("ord-1");
        hook.ContentLengths.Should().ContainSingle().Which.Should().Be(System.Text.Encoding.UTF8.GetByteCount(hook.Bodies[0]), "the post says its length, not chunked");
        (await host.NotificationsAsync()).Should().OnlyContain(n => n.State == NotificationState.Sent && n.Attempts == 1 && n.SentAtUtc == host.Now);
    }

    [Fact]
    public async Task FailingWebhook_IsRetriedWithBackOff_AndDeliveredWhenItAnswersAgain_WithoutHoldingTheEmail()
    {
        hook.FailNext = 2;
        await OpenAlertAsync(email: "ops@example.com", webhooks: "teams");

        (await Dispatcher().DeliverAsync(CancellationToken.None)).Should().Be(1, "the e-mail goes; the webhook answers 503");
        var webhook = (await host.NotificationsAsync()).Single(n => n.Channel == NotificationChannel.Webhook);
        webhook.State.Should().Be(NotificationState.Pending);
        webhook.Attempts.Should().Be(1);
        webhook.LastError.Should().Contain("503");
        webhook.NextAttemptAtUtc.Should().Be(host.Now.AddMinutes(1));

        (await Dispatcher().DeliverAsync(CancellationToken.None)).Should().Be(0, "not due yet");
        hook.Refused.Should().Be(1);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatcher().DeliverAsync(CancellationToken.None);
        webhook = (await host.NotificationsAsync()).Single(n => n.Channel == NotificationChannel.Webhook);
        webhook.Attempts.Should().Be(2);
        webhook.NextAttemptAtUtc.Should().Be(host.Now.AddMinutes(2), "the wait doubles");

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        (await Dispatcher().DeliverAsync(CancellationToken.None)).Should().Be(1);
        hook.Bodies.Should().ContainSingle();
        smtp.Messages.Should().ContainSingle();
        (await host.NotificationsAsync()).Should().OnlyContain(n => n.State == NotificationState.Sent);
    }

    [Fact]
    public async Task UnreachableChannel_IsGivenUpAfterMaxAttempts_AndItsReasonNeverShowsTheWebhookUrl()
    {
        await OpenAlertAsync(email: null, webhooks: "down");

        for (var i = 0; i < 3; i++)
        {
            await Dispatcher().DeliverAsync(CancellationToken.None);
            host.Clock.Advance(TimeSpan.FromHours(1));
        }

        var notification = (await host.NotificationsAsync()).Should().ContainSingle().Subject;
        notification.State.Should().Be(NotificationState.Failed);
        notification.Attempts.Should().Be(3);
        notification.LastError.Should().NotBeNullOrEmpty().And.NotContain("secret-token-path");
    }

    private NotificationDispatcher Dispatcher() => host.Get<NotificationDispatcher>();

    private async Task OpenAlertAsync(string? email, string? webhooks)
    {
        await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.CancelNotConfirmed, Minutes = 10, EmailTo = email, Webhooks = webhooks });
        await host.Database.InsertAsync([AlertEvaluatorTests.Order(ConnectionA, "ord-1", OrderStage.ErpCanceled, host.Now.AddMinutes(-11))]);
        (await host.EvaluateAsync()).Opened.Should().Be(1);
    }
}
