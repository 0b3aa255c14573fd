using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Storage;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Durability;

/// <summary>
/// The kill -9 soak's starvation (ADR-027 amendment): long diagram runs held every default Hangfire worker for minutes,
/// and the minute sweeper and the re-queued messages' jobs, queued behind them, never ran. Here the app's one default
/// worker is held by a job that only ends when the test says so, and the maintenance work must still get done by the real
/// Hangfire servers of the app (in-memory storage on SQLite, Hangfire.PostgreSql on PostgreSQL): a re-queue, the
/// recurring sweeper returning re-queued messages whose job was lost, and the failure groups' refresh.
/// </summary>
public abstract class MaintenanceQueueTests(DatabaseProvider provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task WithEveryDefaultWorkerHeld_TheSweeperAndTheRequeuedMessagesStillRun()
    {
        await using var app = new IpaasMonitorApp(extra: new Dictionary<string, string?> { ["Scheduling:WorkerCount"] = "1" }, provider: provider);
        var failed = await FailSomeBrandSendsAsync(app);
        var storage = app.Services.GetRequiredService<JobStorage>();
        var holder = DefaultWorkerHolder.Hold(app.Services.GetRequiredService<IBackgroundJobClient>());
        try
        {
            await holder.Started.WaitAsync(Patience);

            // The recurring jobs as the app registers them (the test app does not: Scheduling:Recurring is off).
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DiagramSchedule>().RegisterAllAsync(CancellationToken.None);
            }

            // A re-queue while the diagram is running (its lease held here): the job ends at once, it does not wait for the
            // lease on a maintenance worker; the messages stay Requeued with no job, as after a restart.
            var leases = app.Services.GetRequiredService<DiagramLeases>();
            var runningHolder = Guid.NewGuid();
            (await leases.TryAcquireAsync(IpaasMonitorApp.FirstConnection, 2, runningHolder, CancellationToken.None)).Should().BeTrue();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                (await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(failed, "analista", null, CancellationToken.None))
                    .Should().Be(failed.Count);
            }

            await Wait.UntilAsync(
                () => Task.FromResult(Succeeded(storage, nameof(DiagramRunner.ProcessRequeuedAsync))),
                n => n >= 1,
                Patience,
                "the re-queue job, ended without waiting for the running diagram's lease");
            (await SituationsAsync(app, failed)).Should().OnlyContain(s => s == MessageSituation.Requeued);
            (await leases.ReleaseAsync(IpaasMonitorApp.FirstConnection, 2, runningHolder, CancellationToken.None)).Should().BeTrue();

            // A minute later for the sweeper (its grace), and its recurring job fired as the scheduler fires it.
            var aMinuteAgo = DateTime.UtcNow.AddMinutes(-1);
            await app.DbAsync(db => db.Messages.Where(m => failed.Contains(m.MessageId))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.UpdatedAtUtc, aMinuteAgo)));
            var recurring = app.Services.GetRequiredService<IRecurringJobManagerV2>();
            recurring.TriggerJob(RequeueSweeper.RecurringJobId);
            recurring.TriggerJob(DiagramSchedule.FailureGroupRefreshJobId);

            var situations = await Wait.UntilAsync(
                () => SituationsAsync(app, failed),
                s => s.All(x => x == MessageSituation.Processed),
                Patience,
                "the re-queued messages, returned by the sweeper and processed while the default worker is held");
            situations.Should().HaveCount(failed.Count);
            await Wait.UntilAsync(
                () => Task.FromResult(Succeeded(storage, nameof(FailureGroupQueries.RefreshAsync))),
                n => n >= 1,
                Patience,
                "the failure groups' refresh");

            holder.Started.IsCompleted.Should().BeTrue();
            holder.Finished.Should().BeFalse("the one default worker was held the whole time");
            Succeeded(storage, nameof(RequeueSweeper.SweepAsync)).Should().BeGreaterThanOrEqualTo(2, "the start-up sweep and the recurring one");
        }
        finally
        {
            holder.Release();
        }

        await Wait.UntilAsync(() => Task.FromResult(holder.Finished), done => done, Patience, "the held default worker's job");
    }

    [Fact]
    public async Task ARequeueLongerThanASlice_GoesOnInJobsOfItsOwn_EachAfterTheLeaseIsFree()
    {
        // A slice of 1 ms: each job attempts one message, then hands the rest to a new job.
        await using var app = new IpaasMonitorApp(extra: new Dictionary<string, string?> { ["Requeue:JobSlice"] = "00:00:00.001" }, provider: provider);
        var failed = await FailSomeBrandSendsAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(failed, "analista", null, CancellationToken.None))
                .Should().Be(failed.Count);
        }

        await Wait.UntilAsync(
            () => SituationsAsync(app, failed),
            s => s.All(x => x == MessageSituation.Processed),
            Patience,
            "the re-queued messages, processed slice by slice");
        Succeeded(app.Services.GetRequiredService<JobStorage>(), nameof(DiagramRunner.ProcessRequeuedAsync))
            .Should().Be(failed.Count, "one message per slice, each slice a job of its own");
        app.LogText().Should().NotContain("Re-queued messages of diagram 2 wait", "each slice starts after the previous one released the lease");
    }

    // Runs 01 then 02 with the first VTEX sends refused (503): 02's brands fail, each with a message to re-queue.
    private static async Task<List<Guid>> FailSomeBrandSendsAsync(IpaasMonitorApp app)
    {
        _ = app.Services;
        await app.RunAsync(1);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 4, FailNextStatus = 503 });
        var run = await app.RunAsync(2);
        var failed = await app.DbAsync(db => db.Messages.AsNoTracking()
            .Where(m => m.RunId == run && m.Situation == MessageSituation.Failed && m.BusinessKey != ErpTenant.InvalidLongNameCode.ToString())
            .Select(m => m.MessageId).ToListAsync());
        failed.Should().HaveCountGreaterThan(1);
        return failed;
    }

    private static Task<List<MessageSituation>> SituationsAsync(IpaasMonitorApp app, List<Guid> ids) =>
        app.DbAsync(db => db.Messages.AsNoTracking().Where(m => ids.Contains(m.MessageId)).Select(m => m.Situation).ToListAsync());

    private static int Succeeded(JobStorage storage, string method) =>
        storage.GetMonitoringApi().SucceededJobs(0, 1000).Count(j => j.Value.Job?.Method.Name == method);

    /// <summary>On the embedded default: Hangfire's in-memory storage.</summary>
    public sealed class OnSqlite() : MaintenanceQueueTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: Hangfire.PostgreSql in the store's database.</summary>
    public sealed class OnPostgreSql() : MaintenanceQueueTests(DatabaseProvider.PostgreSql);
}

/// <summary>A job on the default queue that holds its worker until the test releases it (a long diagram run, minus the run).</summary>
public sealed class DefaultWorkerHolder
{
    private static readonly ConcurrentDictionary<Guid, DefaultWorkerHolder> Holders = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => started.Task;

    public bool Finished { get; private set; }

    public static DefaultWorkerHolder Hold(IBackgroundJobClient jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var id = Guid.NewGuid();
        var holder = new DefaultWorkerHolder();
        Holders[id] = holder;
        jobs.Enqueue<DefaultWorkerJob>("default", j => j.HoldAsync(id));
        return holder;
    }

    public void Release() => released.TrySetResult();

    internal async Task RunAsync()
    {
        started.TrySetResult();
        await released.Task;
        Finished = true;
    }

    /// <summary>The Hangfire job (activated by the app's job activator).</summary>
    public sealed class DefaultWorkerJob
    {
        [AutomaticRetry(Attempts = 0)]
        public Task HoldAsync(Guid id) => Holders.TryGetValue(id, out var holder) ? holder.RunAsync() : Task.CompletedTask;
    }
}
