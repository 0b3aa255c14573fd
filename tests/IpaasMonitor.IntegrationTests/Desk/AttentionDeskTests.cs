using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Desk;

/// <summary>The attention desk end to end (ADR-017): healing, refusal of a superseded re-queue, durable bulk re-queue.</summary>
public sealed class AttentionDeskTests
{
    private static readonly string LongName = ErpTenant.InvalidLongNameCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ALaterRun_HealsTheFailure_AndARequeueOfItIsRefused()
    {
        // One send at a time (ADR-023's adaptive limit off): the injected 503 hits the first brand in page order, never the
        // long-name brand that VTEX refuses anyway (with several sends in flight it sometimes did, and nothing else failed).
        await using var app = new IpaasMonitorApp(extra: new Dictionary<string, string?>
        {
            ["IpaasMonitor:Concurrency:Enabled"] = "false",
            ["IpaasMonitor:Concurrency:FixedLimit"] = "1",
        });
        _ = app.Services;
        await app.RunAsync(1);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 1, FailNextStatus = 503 });
        var run = await app.RunAsync(2);
        var failed = await app.DbAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.RunId == run && m.Situation == MessageSituation.Failed && m.BusinessKey != LongName));
        failed.CauseKey.Should().Be(FailureCause.KeyOf(2, failed.Component, failed.LastError));

        app.Sandbox.State.Faults.Clear();
        var later = await app.RunAsync(2);

        var healed = await app.DbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == failed.Id));
        var resolver = await app.DbAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.RunId == later && m.BusinessKey == failed.BusinessKey && m.Situation == MessageSituation.Processed));
        healed.Situation.Should().Be(MessageSituation.Resolved);
        healed.ResolvedByMessageId.Should().Be(resolver.MessageId);
        healed.ResolvedAtUtc.Should().Be(resolver.ReceivedAtUtc);
        (await app.DbAsync(db => UnresolvedFailures.Where(db.Messages).Where(m => m.Diagram == 2).Select(m => m.BusinessKey).ToListAsync()))
            .Should().NotBeEmpty().And.OnlyContain(k => k == LongName, "only the name VTEX refuses is still a failure");

        await using var scope = app.Services.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<MessageActions>();
        (await actions.RequeueAsync(failed.MessageId, "analista", CancellationToken.None)).Should().BeFalse();
        var refusal = await actions.RefusalAsync(failed.MessageId, CancellationToken.None);
        refusal.Should().Be(new RequeueRefusal(MessageSituation.Resolved, resolver.MessageId, resolver.ReceivedAtUtc));
    }

    [Fact]
    public async Task ABulkRequeue_StartedBeforeARestart_RunsAfterIt_InTheOperatorsName()
    {
        var database = Path.Combine(Path.GetTempPath(), $"ipaas-desk-{Guid.NewGuid():N}.db");
        long batchId;
        List<long> failedIds;

        // First process: no Hangfire server and no batch processor, as if it stopped right after the operator asked.
        // One send at a time (ADR-023's adaptive limit off): the three injected 503s hit the first three brands in page order,
        // never the long-name brand that VTEX refuses anyway.
        await using (var first = new IpaasMonitorApp(database, scheduling: false, new Dictionary<string, string?>
        {
            ["IpaasMonitor:Concurrency:Enabled"] = "false",
            ["IpaasMonitor:Concurrency:FixedLimit"] = "1",
        }))
        {
            _ = first.Services;
            await first.RunAsync(1);
            first.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 3, FailNextStatus = 503 });
            var run = await first.RunAsync(2);
            var failed = await first.DbAsync(db => db.Messages.AsNoTracking()
                .Where(m => m.RunId == run && m.Situation == MessageSituation.Failed && m.BusinessKey != LongName).ToListAsync());
            failed.Should().HaveCount(3);
            failedIds = [.. failed.Select(m => m.Id)];
            await using var scope = first.Services.CreateAsyncScope();
            var batches = scope.ServiceProvider.GetRequiredService<RequeueBatches>();
            batchId = await batches.StartSelectionAsync([.. failed.Select(m => m.MessageId), Guid.NewGuid()], "analista", "três marcas", CancellationToken.None);
            (await batches.ProgressAsync(batchId, CancellationToken.None))!.Pending.Should().Be(3);
        }

        // Second process on the same store: the processor resumes the batch. One worker, so the three re-queues of
        // diagram 02 never find its lease taken.
        await using var second = new IpaasMonitorApp(database, scheduling: true, new Dictionary<string, string?>
        {
            ["Scheduling:WorkerCount"] = "1",
            ["Requeue:Pause"] = "00:00:00.050",
            ["Requeue:IdlePoll"] = "00:00:00.100",
        });
        _ = second.Services;
        var progress = await Wait.UntilAsync(
            async () =>
            {
                await using var scope = second.Services.CreateAsyncScope();
                return (await scope.ServiceProvider.GetRequiredService<RequeueBatches>().ProgressAsync(batchId, CancellationToken.None))!;
            },
            p => p.CompletedAtUtc is not null,
            what: "the bulk re-queue to complete after the restart");

        progress.Should().BeEquivalentTo(new { Pending = 0, InFlight = 0, Done = 3, FailedAgain = 0, Skipped = 0 });
        var messages = await second.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Attempts)
            .Where(m => failedIds.Contains(m.Id)).ToListAsync());
        messages.Should().HaveCount(3).And.OnlyContain(m => m.Situation == MessageSituation.Processed);
        messages.SelectMany(m => m.Attempts).Where(a => a.Number == 2).Select(a => a.TriggeredBy)
            .Should().HaveCount(3).And.OnlyContain(name => name == "analista");
        (await second.DbAsync(db => db.Audit.AsNoTracking().CountAsync(a => a.Action == RequeueBatches.RequeueBatchAction && a.UserName == "analista")))
            .Should().Be(1);
    }
}
