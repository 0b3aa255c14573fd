using Bunit;
using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Components.Pages.Diagrams;
using IpaasMonitor.Web.Security;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Components.Pages.Diagrams;

public sealed class DiagramActionsTests : MonitorTestContext
{
    private const string Connection = "LOJA-A";

    private int implemented;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.Configure<IpaasMonitorOptions>(o => o.Connections.Add(new ConnectionOptions
        {
            Id = Connection,
            Erp = new ErpOptions { BaseAddress = "https://erp.invalid/", ClientId = "c", ClientSecret = "s", Username = "u", Password = "p" },
            Vtex = new VtexOptions { Account = "loja", BaseAddress = "https://loja.invalid/", AppKey = "k", AppToken = "t" },
        }));
        // Its own Hangfire storage (disposed with the container), to read the enqueued jobs back.
        Services.AddSingleton(_ => new InMemoryStorage());
        Services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<InMemoryStorage>()));
        implemented = DiagramCatalog.All[0].Number;
    }

    private InMemoryStorage Storage => Services.GetRequiredService<InMemoryStorage>();

    [Fact]
    public async Task Viewer_SeesTheScheduleState_ButNoActions_AndTheHandlersRefuseOnTheServer()
    {
        ActAs("viewer@teste", Roles.Viewer);
        var cut = Render<DiagramList>();

        cut.WaitForAssertion(() => Row(cut, implemented).QuerySelector("[data-testid=schedule-state]").Should().NotBeNull());
        Row(cut, implemented).QuerySelector("[data-testid=schedule-state]")!.TextContent.Should().Contain("Ativo");
        cut.FindAll("[data-testid=run-now]").Should().BeEmpty();
        cut.FindAll("[data-testid=toggle-enabled]").Should().BeEmpty();

        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.RunNowAsync(Connection, implemented))).Should().ThrowAsync<UnauthorizedAccessException>();
        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.SetEnabledAsync(Connection, implemented, false))).Should().ThrowAsync<UnauthorizedAccessException>();

        Storage.GetMonitoringApi().EnqueuedCount("default").Should().Be(0);
        (await WithDbAsync(db => db.Audit.CountAsync())).Should().Be(0);
        (await WithDbAsync(db => db.DiagramSettings.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task TheLastRuns_ShowTheRecordsLeftWaitingForTheirParent_OnlyWhenThereAreAny()
    {
        var started = DateTime.UtcNow.AddMinutes(-5);
        var other = DiagramCatalog.All.Select(d => d.Number).First(n => n != implemented);
        await WithDbAsync(async db =>
        {
            db.Runs.Add(new DiagramRun { Id = Guid.NewGuid(), ConnectionId = Connection, Diagram = implemented, StartedAtUtc = started, EndedAtUtc = started.AddSeconds(40), Status = RunStatus.Completed, Read = 1200, Changed = 1200, Waiting = 1150 });
            db.Runs.Add(new DiagramRun { Id = Guid.NewGuid(), ConnectionId = Connection, Diagram = other, StartedAtUtc = started, EndedAtUtc = started.AddSeconds(5), Status = RunStatus.Completed, Read = 3, Sent = 3 });
            db.Leases.Add(new DiagramLease { ConnectionId = Connection, Diagram = implemented });
            db.Leases.Add(new DiagramLease { ConnectionId = Connection, Diagram = other });
            return await db.SaveChangesAsync();
        });

        var cut = Render<DiagramList>();

        cut.WaitForAssertion(() => Row(cut, other).QuerySelectorAll("[data-testid=last-run]").Should().ContainSingle());
        Row(cut, implemented).QuerySelectorAll("[data-testid=run-waiting]").Should().ContainSingle().Which.TextContent.Should().Contain("aguardando o pai 1.150");
        Row(cut, other).QuerySelectorAll("[data-testid=run-waiting]").Should().BeEmpty("a run with nothing waiting says nothing about it");
    }

    [Fact]
    public async Task Operator_RunNow_EnqueuesTheRunnerJob_AndAuditsIt()
    {
        var cut = Render<DiagramList>();
        cut.WaitForAssertion(() => RunNowButton(cut, implemented).Should().NotBeNull());
        cut.FindAll("[data-testid=diagram-row]").Should().HaveCount(DiagramCatalog.All.Count).And.AllSatisfy(row =>
        {
            row.QuerySelectorAll("[data-testid=run-now]").Should().ContainSingle("every diagram of the catalogue can be run on the one connection");
            row.QuerySelectorAll("[data-testid=toggle-enabled]").Should().ContainSingle();
        });
        await cut.Invoking(c => c.InvokeAsync(() => c.Instance.RunNowAsync(Connection, DiagramCatalog.All.Count + 1)))
            .Should().ThrowAsync<InvalidOperationException>("a number outside the catalogue is refused on the server");

        await RunNowButton(cut, implemented)!.ClickAsync(new());

        var enqueued = Storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10);
        var job = enqueued.Should().ContainSingle().Which;
        job.Value.Job.Type.Should().Be<DiagramRunner>();
        job.Value.Job.Method.Name.Should().Be(nameof(DiagramRunner.RunAsync));
        job.Value.Job.Args.Take(3).Should().Equal(Connection, implemented, "operador@teste");
        var audit = await WithDbAsync(db => db.Audit.SingleAsync());
        audit.Action.Should().Be(AuditLog.RunNow);
        audit.UserName.Should().Be("operador@teste");
        audit.TargetType.Should().Be("diagram");
        audit.TargetId.Should().Be(DiagramSchedule.JobId(Connection, implemented));
        audit.Details.Should().Contain(job.Key);
    }

    [Fact]
    public async Task Operator_DisablesAndEnablesTheSchedule_PersistedAndAudited()
    {
        var cut = Render<DiagramList>();
        cut.WaitForAssertion(() => ToggleButton(cut, implemented).Should().NotBeNull());

        await ToggleButton(cut, implemented)!.ClickAsync(new());

        var setting = await WithDbAsync(db => db.DiagramSettings.SingleAsync());
        setting.Should().Match<DiagramSetting>(s => s.ConnectionId == Connection && s.Diagram == implemented && !s.Enabled);
        cut.WaitForAssertion(() => State(cut, implemented).GetAttribute("data-enabled").Should().Be("false"));
        State(cut, implemented).TextContent.Should().Contain("Desativado");

        await ToggleButton(cut, implemented)!.ClickAsync(new());

        (await WithDbAsync(db => db.DiagramSettings.SingleAsync())).Enabled.Should().BeTrue();
        cut.WaitForAssertion(() => State(cut, implemented).GetAttribute("data-enabled").Should().Be("true"));
        var actions = await WithDbAsync(db => db.Audit.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.Should().Equal(AuditLog.DiagramDisabled, AuditLog.DiagramEnabled);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<DiagramList> cut, int diagram) => cut.Find($"[data-testid=diagram-row][data-diagram='{diagram}']");

    private static AngleSharp.Dom.IElement? RunNowButton(IRenderedComponent<DiagramList> cut, int diagram) =>
        Row(cut, diagram).QuerySelector($"[data-connection='{Connection}'] button[data-testid=run-now]");

    private static AngleSharp.Dom.IElement? ToggleButton(IRenderedComponent<DiagramList> cut, int diagram) =>
        Row(cut, diagram).QuerySelector($"[data-connection='{Connection}'] button[data-testid=toggle-enabled]");

    private static AngleSharp.Dom.IElement State(IRenderedComponent<DiagramList> cut, int diagram) =>
        Row(cut, diagram).QuerySelector($"[data-connection='{Connection}'] [data-testid=schedule-state]")!;
}
