using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Durability;

/// <summary>
/// The embedded default keeps Hangfire's jobs in memory: the work a process had handed to Hangfire dies with it. A first
/// process with no Hangfire server (every job it enqueues is lost when it goes, as with a kill -9) leaves a chained run
/// or a purge cut half-way; the next process on the same store finishes it at start (ADR-027).
/// </summary>
public sealed class PendingWorkAfterKillTests
{
    [Fact]
    public async Task AChainedRunEnqueuedBeforeTheKill_RunsAfterTheRestart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"ipaas-chain-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["Sandbox:ReferenceCount"] = "12" };
        await using (var first = new IpaasMonitorApp(database, scheduling: false, extra: settings))
        {
            await using var scope = first.Services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<DiagramRunner>().RunAsync(IpaasMonitorApp.FirstConnection, 1, Triggers.Scheduler, CancellationToken.None);
            run.Should().NotBeNull();
            (await first.DbAsync(db => db.PendingJobs.CountAsync(j => j.Diagram == 2 && j.TriggeredBy == OrderFlow.ChainTrigger)))
                .Should().Be(1, "the brands read hands its records to 02 (its chain), recorded before the job");
        }

        await using var second = new IpaasMonitorApp(database, scheduling: true, extra: settings);
        _ = second.Services;
        var state = await Wait.UntilAsync(
            async () => (
                Runs: await second.DbAsync(db => db.Runs.AsNoTracking().Where(r => r.Diagram == 2 && r.TriggeredBy == OrderFlow.ChainTrigger).ToListAsync()),
                Left: await second.DbAsync(db => db.PendingJobs.CountAsync(j => j.Diagram == 2 && j.TriggeredBy == OrderFlow.ChainTrigger))),
            s => s.Runs.Any(r => r.Status == RunStatus.Completed) && s.Left == 0,
            what: "the chained 02 enqueued by the killed process, run and forgotten");
        state.Runs.Should().ContainSingle();
        (await second.DbAsync(db => db.HubRecords.CountAsync(r => r.Kind == "brand" && r.SentHash == r.ContentHash))).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task APurgeCutHalfWay_ResumesAtStart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"ipaas-purge-{Guid.NewGuid():N}.db");

        // A hundred messages per batch and a long pause after each: the purge is cut during its first pause.
        var settings = new Dictionary<string, string?> { ["Retention:BatchSize"] = "100", ["Retention:PauseMilliseconds"] = "10000" };
        var old = DateTime.UtcNow.AddDays(-40);
        await using (var first = new IpaasMonitorApp(database, scheduling: false, extra: settings))
        {
            _ = first.Services;
            await first.DbAsync(db =>
            {
                db.Messages.AddRange(Enumerable.Range(0, 250).Select(i => TestMessages.New(old.AddSeconds(i), connection: IpaasMonitorApp.FirstConnection)));
                return db.SaveChangesAsync();
            });
            using var kill = new CancellationTokenSource();
            await using var scope = first.Services.CreateAsyncScope();
            var purge = scope.ServiceProvider.GetRequiredService<MessageRetention>().PurgeAsync(kill.Token);
            await Wait.UntilAsync(() => OldMessagesAsync(first, old), left => left == 150, what: "the purge's first batch");
            await kill.CancelAsync();
            await purge.Invoking(p => p).Should().ThrowAsync<OperationCanceledException>();
            (await OldMessagesAsync(first, old)).Should().Be(150);
        }

        await using var second = new IpaasMonitorApp(database, scheduling: true, extra: new Dictionary<string, string?> { ["Retention:BatchSize"] = "100", ["Retention:PauseMilliseconds"] = "0" });
        _ = second.Services;
        var state = await Wait.UntilAsync(
            async () => (Left: await OldMessagesAsync(second, old), Marks: await second.DbAsync(db => db.PendingJobs.CountAsync(j => j.Kind == PendingJob.RetentionKind))),
            s => s == (0, 0),
            what: "the purge resumed at start, to its end");
        state.Should().Be((0, 0));
    }

    private static Task<int> OldMessagesAsync(IpaasMonitorApp app, DateTime old) =>
        app.DbAsync(db => db.Messages.CountAsync(m => m.ReceivedAtUtc < old.AddDays(1)));
}
