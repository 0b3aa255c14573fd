using Hangfire;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Durability;

/// <summary>
/// Re-queued messages left by a dead process (their jobs died with the in-memory Hangfire storage) are processed after the
/// restart by one job per diagram that holds the diagram's lease for all of them (ADR-027), not by one job per message
/// that each waits for the lease.
/// </summary>
public sealed class RequeuedAfterRestartTests
{
    [Fact]
    public async Task SeveralRequeuedMessages_OfOneDiagram_AreAllProcessedByOneJob_AfterTheRestart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"ipaas-requeued-{Guid.NewGuid():N}.db");
        List<Guid> requeued;

        // First process: no Hangfire server, so the jobs of the bulk re-queue die with it.
        await using (var first = new IpaasMonitorApp(database, scheduling: false))
        {
            _ = first.Services;
            await first.RunAsync(1);
            first.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 4, FailNextStatus = 503 });
            var run = await first.RunAsync(2);
            requeued = await first.DbAsync(db => db.Messages.AsNoTracking()
                .Where(m => m.RunId == run && m.Situation == MessageSituation.Failed && m.BusinessKey != ErpTenant.InvalidLongNameCode.ToString())
                .Select(m => m.MessageId).ToListAsync());
            requeued.Should().HaveCountGreaterThan(1);
            await using var scope = first.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(requeued, "analista", null, CancellationToken.None))
                .Should().Be(requeued.Count);
        }

        await using var second = new IpaasMonitorApp(database, scheduling: true);
        _ = second.Services;
        var done = await Wait.UntilAsync(
            () => second.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Attempts).Where(m => requeued.Contains(m.MessageId)).ToListAsync()),
            messages => messages.All(m => m.Situation is MessageSituation.Processed or MessageSituation.Failed),
            what: "the messages re-queued before the restart");

        done.Should().OnlyContain(m => m.Situation == MessageSituation.Processed && m.AttemptCount == 2);
        done.SelectMany(m => m.Attempts).Where(a => a.Number == 2).Should().OnlyContain(a => a.TriggeredBy == "analista");
        // The job's last message is committed before Hangfire records the job's own end: wait for that record, so a loaded
        // machine does not read the storage in between.
        var storage = second.Services.GetRequiredService<JobStorage>();
        var jobs = await Wait.UntilAsync(
            () => Task.FromResult(JobsByMethod(storage)),
            byMethod => byMethod.GetValueOrDefault(nameof(DiagramRunner.ProcessRequeuedAsync)) > 0,
            what: "the re-queue job in Hangfire's storage");
        jobs.GetValueOrDefault(nameof(DiagramRunner.ProcessMessageAsync)).Should().Be(0, "no job per message");
        jobs.GetValueOrDefault(nameof(DiagramRunner.ProcessRequeuedAsync)).Should().Be(1, "one job for the diagram did them all");
        second.LogText().Should().NotContain("waits: diagram", "no job waited for the lease another re-queue job held");
    }

    // Every job the start-up enqueued, by method (the in-memory storage keeps the finished ones).
    private static Dictionary<string, int> JobsByMethod(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        var methods = monitoring.SucceededJobs(0, 1000).Select(j => j.Value.Job.Method.Name)
            .Concat(monitoring.FailedJobs(0, 1000).Select(j => j.Value.Job.Method.Name))
            .Concat(monitoring.ProcessingJobs(0, 1000).Select(j => j.Value.Job.Method.Name));
        return methods.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
    }
}
