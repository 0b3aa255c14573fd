using Bunit;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Components.Pages.Diagrams;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Components.Pages.Diagrams;

/// <summary>The diagrams page's schedule words, next run, verdict, failures and live refresh after "run now".</summary>
public sealed class DiagramListTests : MonitorTestContext
{
    private const string Connection = "LOJA-A";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.Configure<IpaasMonitorOptions>(o => o.Connections.Add(ValidConnection(Connection)));
    }

    [Fact]
    public async Task ARow_SaysItsScheduleInWords_ItsNextRun_ItsVerdict_AndItsUnresolvedFailures()
    {
        // Now is 22:00 UTC = 19:00 in São Paulo; diagram 14 runs at 2-59/5 and last ran at 21:57.
        await Database.InsertAsync(new object[]
        {
            new DiagramRun { Id = Guid.NewGuid(), ConnectionId = Connection, Diagram = 14, StartedAtUtc = Now.AddMinutes(-3), EndedAtUtc = Now.AddMinutes(-2), Status = RunStatus.Completed, Read = 12, Sent = 12 },
            new DiagramLease { ConnectionId = Connection, Diagram = 14 },
            new MessageCounter { HourUtc = Now.AddHours(-2), ConnectionId = Connection, Diagram = 14, Situation = MessageSituation.Failed, Count = 4 },
        });

        var cut = Render<DiagramList>();

        cut.WaitForAssertion(() => Cell(cut, 14).QuerySelector("[data-testid=verdict]")!.GetAttribute("data-verdict").Should().Be("Healthy"));
        Row(cut, 14).QuerySelector("[data-testid=schedule-text]")!.TextContent.Should().Be("a cada 5 minutos, a partir do minuto 2");
        Row(cut, 39).QuerySelector("[data-testid=schedule-text]")!.TextContent.Should().Be("todo dia às 03:00");
        Cell(cut, 14).QuerySelector("[data-testid=next-run]")!.TextContent.Should().Be("Próxima execução: 07/03/2024 19:02");
        Cell(cut, 14).QuerySelector("[data-testid=unresolved]")!.TextContent.Should().Contain("4 falha(s) não resolvida(s)");
        Cell(cut, 14).QuerySelector("[data-testid=last-run]")!.TextContent.Should().Contain("lidos 12");
        Cell(cut, 1).QuerySelector("[data-testid=verdict]")!.GetAttribute("data-verdict").Should().Be("NotYetRun");
    }

    [Fact]
    public async Task TheLastRun_SaysWhichNodeRanIt_AndARunOfADeadNodeReadsInterrompida()
    {
        await Database.InsertAsync(new object[]
        {
            new DiagramRun { Id = Guid.NewGuid(), ConnectionId = Connection, Diagram = 14, StartedAtUtc = Now.AddMinutes(-3), EndedAtUtc = Now.AddMinutes(-1), Status = RunStatus.Interrupted, Node = "app-2-4711-9f3c" },
            new DiagramLease { ConnectionId = Connection, Diagram = 14 },
        });

        var cut = Render<DiagramList>();

        cut.WaitForAssertion(() => Cell(cut, 14).QuerySelector("[data-testid=run-node]")!.TextContent.Should().Be("nó app-2-4711-9f3c"));
        Cell(cut, 14).QuerySelector("[data-testid=last-run]")!.GetAttribute("data-status").Should().Be("Interrupted");
        Cell(cut, 14).QuerySelector("[data-testid=last-run]")!.TextContent.Should().Contain("Interrompida");
    }

    [Fact]
    public async Task AfterRunNow_TheRowFollowsTheRun_WhileItGoesOn_AndWhenItEnds_WithoutAReload()
    {
        var cut = Render<DiagramList>();
        cut.WaitForAssertion(() => Cell(cut, 14).QuerySelector("button[data-testid=run-now]").Should().NotBeNull());
        var timers = Clock.TimersCreated;

        Cell(cut, 14).QuerySelector("button[data-testid=run-now]")!.Click();
        cut.WaitForAssertion(() => Clock.TimersCreated.Should().BeGreaterThan(timers, "the page starts following the run"));

        // The worker starts the run: the next tick shows it running.
        var runId = Guid.NewGuid();
        await Database.InsertAsync(new object[]
        {
            new DiagramRun { Id = runId, ConnectionId = Connection, Diagram = 14, StartedAtUtc = Now.AddSeconds(1), Status = RunStatus.Running },
            new DiagramLease { ConnectionId = Connection, Diagram = 14 },
        });
        Clock.Advance(DiagramList.LiveInterval);
        cut.WaitForAssertion(() => Cell(cut, 14).QuerySelector("[data-testid=last-run]")!.GetAttribute("data-status").Should().Be("Running"));

        // It ends: the next tick shows its counts.
        await WithDbAsync(db => db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RunStatus.Completed).SetProperty(r => r.EndedAtUtc, Now.AddSeconds(20)).SetProperty(r => r.Read, 31)));
        Clock.Advance(DiagramList.LiveInterval);
        cut.WaitForAssertion(() => Cell(cut, 14).QuerySelector("[data-testid=last-run]")!.TextContent.Should().Contain("lidos 31"));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<DiagramList> cut, int diagram) => cut.Find($"[data-testid=diagram-row][data-diagram='{diagram}']");

    private static AngleSharp.Dom.IElement Cell(IRenderedComponent<DiagramList> cut, int diagram) =>
        Row(cut, diagram).QuerySelector($"[data-testid=diagram-connection][data-connection='{Connection}']")!;
}
