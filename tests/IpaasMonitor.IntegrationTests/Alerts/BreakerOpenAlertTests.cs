using Hangfire;
using IpaasMonitor.Connectors.Health;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Sandbox.Faults;
using IpaasMonitor.Sandbox.Vtex;
using IpaasMonitor.Testing.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using static IpaasMonitor.IntegrationTests.Orders.OrderTestKit;

namespace IpaasMonitor.IntegrationTests.Alerts;

/// <summary>
/// The "breaker open for N minutes" rule on the real app: the embedded VTEX answers 503 to the OMS order step, the
/// VTEX account host's real circuit breaker opens, the header of every page shows the degraded connection, and after
/// the rule's N minutes (alert time moved by a FakeTimeProvider) one alert opens and is mailed to a real SMTP server;
/// once VTEX answers again and a call closes the breaker, the alert resolves and the mail says so.
/// </summary>
public sealed class BreakerOpenAlertTests : IAsyncLifetime
{
    private const string OmsOrderStep = "vtex:GET oms/order";
    private const string Recipient = "suporte@example.com";

    private readonly LocalSmtpServer smtp = new();
    private AlertApp app = null!;

    public async Task InitializeAsync()
    {
        app = new AlertApp(new FakeTimeProvider(DateTimeOffset.UtcNow), Settings(new()
        {
            ["IpaasMonitor:Resilience:Vtex:BaseDelay"] = "00:00:00",
            ["IpaasMonitor:Resilience:Vtex:BreakerMinimumThroughput"] = "3",
            ["IpaasMonitor:Resilience:Vtex:BreakerSamplingDuration"] = "00:01:00",
            ["IpaasMonitor:Resilience:Vtex:BreakDuration"] = "00:00:01",
            ["Alerts:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Smtp:From"] = "monitor@example.com",
            ["Alerts:Defaults:EmailTo"] = Recipient,
        }));
        _ = app.Services;
        await app.DbAsync(db => db.AlertRules.Where(r => r.Kind != AlertRuleKind.BreakerOpen).ExecuteUpdateAsync(s => s.SetProperty(r => r.Enabled, false)));
        await RunAsync(app, 23);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        smtp.Dispose();
    }

    [Fact]
    public async Task VtexBreakerOpen_ShowsInTheHeader_OpensOneAlertAfterNMinutes_AndResolvesOnceItCloses()
    {
        var rule = await app.DbAsync(db => db.AlertRules.AsNoTracking().SingleAsync(r => r.Kind == AlertRuleKind.BreakerOpen));
        var health = app.Services.GetRequiredService<IConnectionHealth>();
        using var http = await SignedInClientAsync(app);
        (await http.GetStringAsync("/pedidos")).Should().NotContain("data-testid=\"health-indicator\"", "nothing is degraded yet");

        app.Sandbox.State.Faults.Set(new FaultRule { Route = OmsOrderStep, ErrorRate = 1 });
        Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse });
        await RunAsync(app, 24, 26);
        var oms = health.Get(Connection, ConnectorApi.VtexOms);
        oms.Breaker.Should().NotBe(CircuitState.Closed, "every try of the order step answered 503");
        oms.BreakerOpenSinceUtc.Should().NotBeNull();

        // The header of any page says a connection is degraded while the breaker is open.
        (await http.GetStringAsync("/pedidos")).Should().Contain("data-testid=\"health-indicator\"");

        await app.EvaluateAsync();
        (await OpenAlertsAsync()).Should().BeEmpty("the breaker has not been open for the rule's N minutes yet");

        // Alert time moves to N + 1 minutes after the breaker opened (the app's real clock, which has run on since the
        // fake one was set at start: a slow start must not eat the margin).
        app.Clock.Advance(oms.BreakerOpenSinceUtc!.Value.AddMinutes(rule.Minutes + 1) - app.Clock.GetUtcNow().UtcDateTime);
        await app.EvaluateAsync();
        await app.EvaluateAsync();
        var alert = (await OpenAlertsAsync()).Should().ContainSingle("one episode however many evaluations see it").Subject;
        alert.Subject.Should().Be($"{Connection}/Vtex");
        alert.Summary.Should().Contain(Connection);
        var opened = (await smtp.WaitForAsync(1)).Single();
        opened.Subject.Should().Contain("Alerta aberto").And.Contain(rule.Name);

        // VTEX answers again: once the break is over, the next run's call closes the breaker and the alert resolves.
        app.Sandbox.State.Faults.Remove(OmsOrderStep);
        await Wait.UntilAsync(
            async () =>
            {
                await RunAsync(app, 26);
                return health.Get(Connection, ConnectorApi.VtexOms).Breaker;
            },
            state => state == CircuitState.Closed,
            what: "the VTEX breaker to close");
        health.Get(Connection, ConnectorApi.VtexOms).BreakerOpenSinceUtc.Should().BeNull();
        (await http.GetStringAsync("/pedidos")).Should().NotContain("data-testid=\"health-indicator\"");

        await app.EvaluateAsync();
        (await OpenAlertsAsync()).Should().BeEmpty();
        var mails = await smtp.WaitForAsync(2);
        mails.Select(m => m.Subject ?? "").Should().ContainSingle(s => s.Contains("Alerta resolvido"));
    }

    [Fact]
    public async Task TheAlertJobs_RunOnTheirOwnWorker_WhileEveryDiagramWorkerIsBusy()
    {
        // Every worker of the diagram queues held (as by runs retrying against a failing system).
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        var storage = app.Services.GetRequiredService<JobStorage>();
        var busy = Enumerable.Range(0, 3).Select(_ => jobs.Enqueue("default", () => Thread.Sleep(20_000))).ToList();
        string State(string id)
        {
            using var connection = storage.GetConnection();
            return connection.GetStateData(id)?.Name ?? "";
        }

        await Wait.UntilAsync(() => Task.FromResult(busy.Count(id => State(id) == "Processing")), n => n >= 2, what: "the diagram workers to be busy");

        await app.EvaluateAsync();
        await app.DeliverAsync();

        busy.Select(State).Should().NotContain("Succeeded", "the alert jobs did not wait for a diagram worker to free up");
    }

    private Task<List<Alert>> OpenAlertsAsync() =>
        app.DbAsync(db => db.Alerts.AsNoTracking().Where(a => a.OpenSubject != null).ToListAsync());
}
