using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Tests.Monitoring;

/// <summary>Next runs and verdicts from the cron, the runs and the watermark, on a fake clock (São Paulo is UTC−3).</summary>
public sealed class DiagramVerdictsTests
{
    // 2026-12-07 13:07 UTC = 10:07 in São Paulo.
    private static readonly DateTime Now = new(2026, 12, 7, 13, 7, 0, DateTimeKind.Utc);
    private static readonly OverviewOptions Settings = new() { MissedRunGrace = TimeSpan.FromMinutes(5), WatermarkStaleAfter = TimeSpan.FromHours(6) };

    [Fact]
    public void NextRun_FollowsTheCron_InSaoPauloTime_OnTheFakeClock()
    {
        var clock = new FakeClock(new DateTimeOffset(Now));

        DiagramVerdicts.NextRun("*/15 * * * *", clock.GetUtcNow().UtcDateTime).Should().Be(new DateTime(2026, 12, 7, 13, 15, 0, DateTimeKind.Utc));
        DiagramVerdicts.NextRun("0 3 * * *", clock.GetUtcNow().UtcDateTime).Should().Be(new DateTime(2026, 12, 8, 6, 0, 0, DateTimeKind.Utc), "03:00 in São Paulo is 06:00 UTC");
        clock.Advance(TimeSpan.FromMinutes(10));
        DiagramVerdicts.NextRun("*/15 * * * *", clock.GetUtcNow().UtcDateTime).Should().Be(new DateTime(2026, 12, 7, 13, 30, 0, DateTimeKind.Utc));
        DiagramVerdicts.NextRun("not a cron", Now).Should().BeNull();
    }

    [Fact]
    public void ARunStartedAtItsTime_IsOnSchedule()
    {
        var verdict = Judge("*/15 * * * *", Run(Now.AddMinutes(-7).AddSeconds(3), ended: Now.AddMinutes(-6)));

        verdict.Kind.Should().Be(VerdictKind.Healthy);
        verdict.NextRunUtc.Should().Be(Now.AddMinutes(8));
        verdict.LastExpectedUtc.Should().Be(Now.AddMinutes(-7), "13:00 is the last time the schedule fired, grace included");
    }

    [Fact]
    public void AScheduledTimeWithNoRunAfterIt_IsAMissedRun_OnceTheGraceHasPassed()
    {
        // Ran at 12:45; 13:00 came and went.
        Judge("*/15 * * * *", Run(Now.AddMinutes(-22), ended: Now.AddMinutes(-21))).Kind.Should().Be(VerdictKind.Missed);
        Judge("*/15 * * * *", Run(Now.AddMinutes(-22), ended: Now.AddMinutes(-21)), now: Now.AddMinutes(-4)).Kind
            .Should().Be(VerdictKind.Healthy, "at 13:03 the 13:00 run is still within its grace");
    }

    [Fact]
    public void AScheduledTimeThatFellDuringTheLastRun_IsAnOverlap()
    {
        Judge("*/15 * * * *", Run(Now.AddMinutes(-22), ended: null)).Kind.Should().Be(VerdictKind.Overlapping, "still running since 12:45");
        Judge("*/15 * * * *", Run(Now.AddMinutes(-22), ended: Now.AddMinutes(-2))).Kind.Should().Be(VerdictKind.Overlapping, "ended at 13:05");
        Judge("*/15 * * * *", Run(Now.AddMinutes(-6), ended: null)).Kind.Should().Be(VerdictKind.Running);
    }

    [Fact]
    public void AFailedRun_AStaleWatermark_ADisabledSchedule_AndNoRunYet_HaveTheirOwnVerdicts()
    {
        Judge("*/15 * * * *", Run(Now.AddMinutes(-7), ended: Now.AddMinutes(-6), RunStatus.Failed)).Kind.Should().Be(VerdictKind.LastRunFailed);
        Judge("*/15 * * * *", Run(Now.AddMinutes(-7), ended: Now.AddMinutes(-6)), watermark: Now.AddHours(-7)).Kind.Should().Be(VerdictKind.StaleWatermark);
        Judge("*/15 * * * *", Run(Now.AddMinutes(-7), ended: Now.AddMinutes(-6)), watermark: Now.AddHours(-5)).Kind.Should().Be(VerdictKind.Healthy);
        Judge("*/15 * * * *", Run(Now.AddMinutes(-40), ended: Now.AddMinutes(-39)), enabled: false).Kind.Should().Be(VerdictKind.Disabled);
        Judge("*/15 * * * *", null).Kind.Should().Be(VerdictKind.NotYetRun);
        Judge("0 3 * * *", Run(new DateTime(2026, 12, 7, 6, 0, 5, DateTimeKind.Utc), ended: new DateTime(2026, 12, 7, 6, 20, 0, DateTimeKind.Utc))).Kind
            .Should().Be(VerdictKind.Healthy, "the daily 03:00 run ran today");
    }

    [Fact]
    public void SinceLastSuccess_IsWhatTheAlertRuleReads()
    {
        var verdict = DiagramVerdicts.Judge("loja-a", 14, "*/5 * * * *", true, Run(Now.AddMinutes(-3), Now.AddMinutes(-2)), Now.AddMinutes(-42), null, 0, Now, Settings);

        verdict.SinceLastSuccess(Now).Should().Be(TimeSpan.FromMinutes(42));
    }

    [Fact]
    public async Task GetAsync_JudgesEveryConnectionAndDiagram_FromTheStore_WithTheConnectionsOwnSchedule()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var clock = new FakeClock(new DateTimeOffset(Now));
        var runId = Guid.NewGuid();
        await database.InsertAsync(new object[]
        {
            new DiagramRun { Id = runId, ConnectionId = "loja-a", Diagram = 14, StartedAtUtc = Now.AddMinutes(-5), EndedAtUtc = Now.AddMinutes(-4), Status = RunStatus.Completed, Read = 7 },
            new DiagramLease { ConnectionId = "loja-a", Diagram = 14 },
            new DiagramSetting { ConnectionId = "loja-a", Diagram = 1, Cron = "0 3 * * *", Enabled = true, UpdatedAtUtc = Now },
        });
        var connections = new IpaasMonitorOptions();
        connections.Connections.Add(new ConnectionOptions { Id = "loja-a" });
        connections.Connections.Add(new ConnectionOptions { Id = "loja-b" });
        var verdicts = new DiagramVerdicts(
            database.Factory, new OverviewQueries(database.Factory), new Monitor<IpaasMonitorOptions>(connections), new Monitor<OverviewOptions>(Settings), clock);

        var all = await verdicts.GetAsync(default);

        all.Should().HaveCount(78);
        var stock = all.Single(v => v.ConnectionId == "loja-a" && v.Diagram == 14);
        stock.Kind.Should().Be(VerdictKind.Healthy);
        stock.LastRun!.Id.Should().Be(runId);
        stock.LastSuccessUtc.Should().Be(Now.AddMinutes(-4));
        all.Single(v => v.ConnectionId == "loja-a" && v.Diagram == 1).Cron.Should().Be("0 3 * * *");
        all.Single(v => v.ConnectionId == "loja-b" && v.Diagram == 14).Kind.Should().Be(VerdictKind.NotYetRun);
    }

    private static DiagramVerdict Judge(string cron, DiagramRun? run, DateTime? watermark = null, bool enabled = true, DateTime? now = null) =>
        DiagramVerdicts.Judge("loja-a", 14, cron, enabled, run, run?.EndedAtUtc, watermark, 0, now ?? Now, Settings);

    private static DiagramRun Run(DateTime started, DateTime? ended, RunStatus? status = null) => new()
    {
        Id = Guid.NewGuid(),
        ConnectionId = "loja-a",
        Diagram = 14,
        StartedAtUtc = started,
        EndedAtUtc = ended,
        Status = status ?? (ended is null ? RunStatus.Running : RunStatus.Completed),
    };

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
