using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Web.Alerts;
using Microsoft.EntityFrameworkCore;
using static IpaasMonitor.Web.Tests.Alerts.AlertTestHost;

namespace IpaasMonitor.Web.Tests.Alerts;

public sealed class AlertEvaluatorTests : IAsyncLifetime
{
    private AlertTestHost host = null!;

    public async Task InitializeAsync() => host = await CreateAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task FailureRate_OpensAtTheThreshold_PerConnectionAndDiagram_IgnoresSmallWindows_AndResolvesWhenTheWindowPasses()
    {
        await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.DiagramFailureRate, Minutes = 30, ThresholdPercent = 50, MinimumItems = 10, EmailTo = "a@example.com" });
        await host.Database.InsertAsync([
            Run(ConnectionA, 10, host.Now.AddMinutes(-20), sent: 4, failed: 6),       // 60 % of 10 items: fires
            Run(ConnectionB, 10, host.Now.AddMinutes(-20), sent: 1, failed: 3),       // 75 % but 4 items < 10: quiet
            Run(ConnectionA, 14, host.Now.AddMinutes(-20), sent: 60, failed: 40),     // 40 %: quiet
            Run(ConnectionA, 16, host.Now.AddMinutes(-40), sent: 0, failed: 50),      // outside the window
        ]);

        var first = await host.EvaluateAsync();

        first.Should().Be(new AlertEvaluation(1, 0, 1));
        var alert = (await host.AlertsAsync()).Should().ContainSingle().Subject;
        alert.Subject.Should().Be($"{ConnectionA}/10");
        alert.Summary.Should().Contain("60%").And.Contain("6 de 10");

        host.Clock.Advance(TimeSpan.FromMinutes(11)); // the runs are now 31 minutes old
        var second = await host.EvaluateAsync();

        second.Should().Be(new AlertEvaluation(0, 1, 1));
        (await host.AlertsAsync()).Should().ContainSingle().Which.ResolvedAtUtc.Should().Be(host.Now);
        (await host.NotificationsAsync()).Select(n => n.Event).Should().Equal(AlertEvent.Opened, AlertEvent.Resolved);
    }

    [Fact]
    public async Task AnEpisode_FiresOnce_StaysOpenWhileTheConditionHolds_AndANewEpisodeAfterResolutionFiresAgain()
    {
        await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.CancelNotConfirmed, Minutes = 30, EmailTo = "a@example.com, b@example.com", Webhooks = "teams, slack" });
        await host.Database.InsertAsync([Order(ConnectionA, "ord-1", OrderStage.ErpCanceled, host.Now.AddMinutes(-31))]);

        for (var i = 0; i < 5; i++)
        {
            await host.EvaluateAsync();
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var alert = (await host.AlertsAsync()).Should().ContainSingle().Subject;
        alert.OpenSubject.Should().Be($"{ConnectionA}/ord-1");
        alert.LastSeenAtUtc.Should().Be(host.Now.AddMinutes(-1), "each evaluation refreshes the open episode");
        var notifications = await host.NotificationsAsync();
        notifications.Should().HaveCount(3, "one e-mail to both recipients and one post per webhook, once per episode");
        notifications.Should().ContainSingle(n => n.Channel == NotificationChannel.Email).Which.Target.Should().Be("a@example.com, b@example.com");
        notifications.Where(n => n.Channel == NotificationChannel.Webhook).Select(n => n.Target).Should().BeEquivalentTo("teams", "slack");

        await SetStageAsync("ord-1", OrderStage.Canceled);
        await host.EvaluateAsync();
        await host.Database.InsertAsync([Order(ConnectionA, "ord-2", OrderStage.ErpCanceled, host.Now.AddMinutes(-31))]);
        await host.EvaluateAsync();

        var alerts = await host.AlertsAsync();
        alerts.Should().HaveCount(2);
        alerts[0].ResolvedAtUtc.Should().NotBeNull();
        alerts[1].OpenSubject.Should().Be($"{ConnectionA}/ord-2");
        alerts[1].Summary.Should().Contain("ord-2").And.NotContain("ord-1");
        (await host.NotificationsAsync()).Should().HaveCount(9, "opened, resolved, opened again: three per episode event");
    }

    [Fact]
    public async Task OrderNotInErp_CountsTheEarlyStagesByReceivedTime_NotInvalidOrders_PerConnection()
    {
        await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.OrderNotInErp, Minutes = 15 });
        await host.Database.InsertAsync([
            Order(ConnectionA, "old-received", OrderStage.Received, host.Now.AddMinutes(-20)),
            Order(ConnectionA, "old-validated", OrderStage.CustomerReady, host.Now.AddMinutes(-16)),
            Order(ConnectionA, "young", OrderStage.Received, host.Now.AddMinutes(-5)),
            Order(ConnectionA, "invalid", OrderStage.Invalid, host.Now.AddMinutes(-60)),
            Order(ConnectionA, "in-erp", OrderStage.InErp, host.Now.AddMinutes(-60)),
            Order(ConnectionB, "b-old", OrderStage.Validated, host.Now.AddMinutes(-30)),
        ]);

        await host.EvaluateAsync();

        var alerts = await host.AlertsAsync();
        alerts.Select(a => a.Subject).Should().Equal($"{ConnectionA}/old-received", $"{ConnectionA}/old-validated", $"{ConnectionB}/b-old");
        var a = alerts[0].Summary;
        a.Should().StartWith("Pedido old-received de LOJA-A").And.Contain("15 minutos").And.Contain("Recebido");
    }

    [Fact]
    public async Task StuckOrders_AreOneEpisodeEach_ResolvedOneByOne_AndNotifiedAsOneDigestPerConnectionAndEvaluation()
    {
        await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.OrderNotInErp, Minutes = 15, EmailTo = "a@example.com", Webhooks = "teams" });
        await host.Database.InsertAsync([
            Order(ConnectionA, "a-1", OrderStage.Received, host.Now.AddMinutes(-40)),
            Order(ConnectionA, "a-2", OrderStage.Received, host.Now.AddMinutes(-30)),
            Order(ConnectionA, "a-3", OrderStage.Validated, host.Now.AddMinutes(-20)),
            Order(ConnectionA, "a-4", OrderStage.Received, host.Now.AddMinutes(-10)),
            Order(ConnectionB, "b-1", OrderStage.Received, host.Now.AddMinutes(-20)),
        ]);

        // Four orders stalled at once: four episodes, but one e-mail and one post per connection.
        (await host.EvaluateAsync()).Should().Be(new AlertEvaluation(4, 0, 4));
        var alerts = await host.AlertsAsync();
        alerts.Select(a => a.OpenSubject).Should().Equal($"{ConnectionA}/a-1", $"{ConnectionA}/a-2", $"{ConnectionA}/a-3", $"{ConnectionB}/b-1");
        var notifications = await host.NotificationsAsync();
        notifications.Should().HaveCount(4).And.OnlyContain(n => n.Event == AlertEvent.Opened);
        var digestA = notifications.Where(n => n.AlertId == alerts[0].Id).ToList();
        digestA.Select(n => n.Channel).Should().BeEquivalentTo([NotificationChannel.Email, NotificationChannel.Webhook]);
        digestA[0].Subject.Should().Contain("3 pedido(s) de LOJA-A");
        digestA[0].Body.Should().Contain("a-1").And.Contain("a-2").And.Contain("a-3").And.NotContain("a-4").And.NotContain("b-1");
        notifications.Where(n => n.AlertId == alerts[3].Id).Should().HaveCount(2).And.OnlyContain(n => n.Body.Contains("b-1"));

        // A fifth order passes the 15 minutes: one more episode and its own digest; the open ones send nothing again.
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        (await host.EvaluateAsync()).Should().Be(new AlertEvaluation(1, 0, 2));
        (await host.NotificationsAsync()).Skip(4).Should().OnlyContain(n => n.Body.Contains("a-4") && !n.Body.Contains("a-1"));

        // Two orders reach the ERP: their two episodes resolve, in one digest; the others stay open.
        await SetStageAsync("a-1", OrderStage.InErp);
        await SetStageAsync("a-3", OrderStage.InErp);
        (await host.EvaluateAsync()).Should().Be(new AlertEvaluation(0, 2, 2));
        alerts = await host.AlertsAsync();
        alerts.Where(a => a.ResolvedAtUtc is not null).Select(a => a.Subject).Should().Equal($"{ConnectionA}/a-1", $"{ConnectionA}/a-3");
        alerts.Where(a => a.OpenSubject is not null).Select(a => a.Subject).Should().BeEquivalentTo($"{ConnectionA}/a-2", $"{ConnectionB}/b-1", $"{ConnectionA}/a-4");
        var resolved = (await host.NotificationsAsync()).Where(n => n.Event == AlertEvent.Resolved).ToList();
        resolved.Should().HaveCount(2).And.OnlyContain(n => n.AlertId == alerts[0].Id && n.Subject.Contains("Alerta resolvido") && n.Body.Contains("a-1") && n.Body.Contains("a-3") && !n.Body.Contains("a-2"));

        // /alertas shows every episode with the digests it was part of.
        var rows = (await host.Get<AlertAdministration>().HistoryAsync(null, 50, CancellationToken.None)).ToList();
        var byAlert = await host.Get<AlertAdministration>().NotificationsAsync(rows, CancellationToken.None);
        var a3 = rows.Single(r => r.Alert.Subject == $"{ConnectionA}/a-3").Alert.Id;
        byAlert[a3].Select(n => (n.Event, n.Channel)).Should().BeEquivalentTo(
            [(AlertEvent.Opened, NotificationChannel.Email), (AlertEvent.Opened, NotificationChannel.Webhook), (AlertEvent.Resolved, NotificationChannel.Email), (AlertEvent.Resolved, NotificationChannel.Webhook)]);
        var a2 = rows.Single(r => r.Alert.Subject == $"{ConnectionA}/a-2").Alert.Id;
        byAlert[a2].Should().HaveCount(2).And.OnlyContain(n => n.Event == AlertEvent.Opened);
        var a4 = rows.Single(r => r.Alert.Subject == $"{ConnectionA}/a-4").Alert.Id;
        byAlert[a4].Should().HaveCount(2).And.OnlyContain(n => n.AlertId == a4);
    }

    [Fact]
    public async Task InvoiceNotInVtex_FiresForAnInvoiceIssuedLongAgoAndNotAcceptedByVtex_AndResolvesWhenItIsSent()
    {
        await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.InvoiceNotInVtex, Minutes = 30 });
        await host.Database.InsertAsync([
            Order(ConnectionA, "ord-inv", OrderStage.Handling, host.Now.AddHours(-2)),
            Order(ConnectionA, "ord-fresh", OrderStage.Handling, host.Now.AddHours(-2)),
            Invoice(ConnectionA, "1-1-100", "ord-inv", issued: host.Now.AddMinutes(-45), sent: false),
            Invoice(ConnectionA, "1-1-101", "ord-fresh", issued: host.Now.AddMinutes(-10), sent: false),
        ]);

        await host.EvaluateAsync();
        var alert = (await host.AlertsAsync()).Should().ContainSingle().Subject;
        alert.Summary.Should().Contain("ord-inv").And.NotContain("ord-fresh");

        await host.ExecuteAsync(db => db.HubRecords.Where(r => r.ErpKey == "1-1-100").ExecuteUpdateAsync(s => s.SetProperty(r => r.SentHash, r => r.ContentHash)));
        await host.EvaluateAsync();

        (await host.AlertsAsync()).Should().ContainSingle().Which.ResolvedAtUtc.Should().NotBeNull();
    }

    [Fact]
    public async Task DiagramSilent_CountsFromTheLastCompletedRun_OrTheRuleChange_AndSkipsDisabledDiagrams()
    {
        await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.DiagramSilent, Diagram = 24, Minutes = 15, UpdatedAtUtc = host.Now.AddHours(-1) });
        await host.Database.InsertAsync([
            Run(ConnectionA, 24, host.Now.AddMinutes(-20), sent: 1, failed: 0),
            Run(ConnectionA, 24, host.Now.AddMinutes(-2), sent: 0, failed: 0, status: RunStatus.Failed), // not a success
            Run(ConnectionB, 24, host.Now.AddMinutes(-3), sent: 1, failed: 0),
        ]);

        await host.EvaluateAsync();
        (await host.AlertsAsync()).Should().ContainSingle().Which.Subject.Should().Be($"{ConnectionA}/24");

        await host.Database.InsertAsync([new DiagramSetting { ConnectionId = ConnectionA, Diagram = 24, Enabled = false, UpdatedAtUtc = host.Now }]);
        await host.EvaluateAsync();
        (await host.AlertsAsync()).Should().ContainSingle().Which.ResolvedAtUtc.Should().NotBeNull("a diagram switched off is silent on purpose");
    }

    [Fact]
    public async Task ADisabledRule_ResolvesItsOpenAlerts_AndOneBrokenRuleDoesNotStopTheOthers()
    {
        await host.AddRuleAsync(new AlertRule { Kind = (AlertRuleKind)99, Name = "broken", Minutes = 10 });
        var rule = await host.AddRuleAsync(new AlertRule { Kind = AlertRuleKind.CancelNotConfirmed, Minutes = 10 });
        await host.Database.InsertAsync([Order(ConnectionA, "ord-1", OrderStage.ErpCanceled, host.Now.AddMinutes(-11))]);

        (await host.EvaluateAsync()).Opened.Should().Be(1);

        await host.ExecuteAsync(db => db.AlertRules.Where(r => r.Id == rule.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Enabled, false)));
        (await host.EvaluateAsync()).Resolved.Should().Be(1);
    }

    private async Task SetStageAsync(string orderId, OrderStage stage) =>
        await host.ExecuteAsync(db => db.HubOrders.Where(o => o.OrderId == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Stage, stage)));

    internal static DiagramRun Run(string connection, int diagram, DateTime startedAt, int sent, int failed, RunStatus status = RunStatus.Completed) => new()
    {
        Id = Guid.NewGuid(),
        ConnectionId = connection,
        Diagram = diagram,
        StartedAtUtc = startedAt,
        EndedAtUtc = startedAt.AddSeconds(10),
        Status = status,
        Sent = sent,
        Failed = failed,
    };

    internal static HubOrder Order(string connection, string orderId, OrderStage stage, DateTime at) => new()
    {
        ConnectionId = connection,
        OrderId = orderId,
        Stage = stage,
        ReceivedAtUtc = at,
        UpdatedAtUtc = at,
        StageChangedAtUtc = at,
    };

    internal static HubRecord Invoice(string connection, string key, string orderId, DateTime issued, bool sent) => new()
    {
        ConnectionId = connection,
        Kind = OrderFlow.InvoiceKind,
        ErpKey = key,
        ParentKey = orderId,
        Content = "{}",
        ContentHash = "h1",
        SentHash = sent ? "h1" : null,
        ErpChangedAtUtc = issued,
        UpdatedAtUtc = issued,
    };
}
