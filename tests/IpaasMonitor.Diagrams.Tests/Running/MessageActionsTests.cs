using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using IpaasMonitor.Testing.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Diagrams.Tests.Running;

/// <summary>
/// Two nodes re-queueing the same failed messages at once (every node steps the bulk re-queues, ADR-017, ADR-026) on
/// PostgreSQL, whose read committed lets both read the messages as Failed: each message is re-queued by one of them, and
/// its hourly counter moves and its audit entry is written once (the kill -9 soak of issue #16 found them doubled).
/// </summary>
public sealed class MessageActionsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage hangfire = new();
    private PostgreSqlTestDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgreSqlTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        hangfire.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task RequeueRows_ByTwoNodesAtOnce_RequeuesEachMessageOnce_MovesItsCounterOnce_AndAuditsItOnce()
    {
        await using (var recorder = new MessageRecorder(database.Factory, time, "loja-a", 14, Guid.NewGuid(), "scheduler"))
        {
            for (var i = 0; i < 3; i++)
            {
                await recorder.RecordAsync(ItemResult.Fail("UPDATE SKU", $"SKU-{i}", "{}", "SKU não encontrado"), default);
            }

            await recorder.FlushAsync(default);
        }

        List<long> rows;
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            rows = await db.Messages.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
        }

        // A third transaction holds the rows, so both re-queues have read them as Failed before either can change them:
        // what two nodes stepping the same batch do at the same moment.
        await using var blocker = await database.Factory.CreateDbContextAsync();
        await using var hold = await blocker.Database.BeginTransactionAsync();
        await blocker.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"Messages\" FOR UPDATE");
        var nodeA = new MessageActions(database.Factory, new BackgroundJobClient(hangfire), time);
        var nodeB = new MessageActions(database.Factory, new BackgroundJobClient(hangfire), time);
        var first = nodeA.RequeueRowsAsync(rows, "operador-a", null, default);
        var second = nodeB.RequeueRowsAsync(rows, "operador-b", null, default);
        await WaitForLockWaitersAsync(2);
        await hold.RollbackAsync();
        var requeued = await Task.WhenAll(first, second);

        requeued[0].Concat(requeued[1]).Should().BeEquivalentTo(rows, "each message is re-queued by one node");
        await using var check = await database.Factory.CreateDbContextAsync();
        (await check.Messages.CountAsync(m => m.Situation == MessageSituation.Requeued)).Should().Be(3);
        (await check.Audit.CountAsync(a => a.Action == MessageActions.RequeueAction)).Should().Be(3, "one audit entry per message re-queued");
        var counters = (await check.MessageCounters.AsNoTracking().ToListAsync()).GroupBy(c => c.Situation).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        counters.GetValueOrDefault(MessageSituation.Requeued).Should().Be(3, "the counters move with the rows that moved");
        counters.GetValueOrDefault(MessageSituation.Failed).Should().Be(0);
    }

    private async Task WaitForLockWaitersAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = await database.Factory.CreateDbContextAsync();
            var waiting = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync();
            if (waiting >= count)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"{count} re-queues waiting for the held rows");
            await Task.Delay(50);
        }
    }
}
