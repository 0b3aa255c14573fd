using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Data.Tests.Storage;

/// <summary>
/// The hourly counters (ADR-021) are kept exactly by the real recording path and the real state changes: after every
/// step they equal a GROUP BY of the message table by (hour received, connection, diagram, situation).
/// </summary>
public sealed class MessageCountsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 13, 58, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryStorage hangfire = new();
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        hangfire.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task TheRecorder_AddsEachBatch_ToItsHourConnectionDiagramAndSituation()
    {
        // Two connections, two diagrams, messages on both sides of 14:00, batches of 7 so several batches per hour.
        await RecordAsync("loja-a", 14, ok: 20, failed: 5);
        await RecordAsync("loja-b", 24, ok: 3, failed: 2);
        time.Advance(TimeSpan.FromMinutes(3)); // 14:01
        await RecordAsync("loja-a", 14, ok: 11, failed: 4);

        var counters = await CountersAsync();
        counters.Should().BeEquivalentTo(await ExpectedAsync());
        counters.Should().Contain(new CounterKey(Hour(13), "loja-a", 14, MessageSituation.Processed), 20)
            .And.Contain(new CounterKey(Hour(14), "loja-a", 14, MessageSituation.Failed), 4)
            .And.Contain(new CounterKey(Hour(13), "loja-b", 24, MessageSituation.Failed), 2);
    }

    [Fact]
    public async Task RequeueDiscardAndTheSweeper_MoveTheirMessagesBetweenSituations_InTheHourTheyWereReceived()
    {
        await RecordAsync("loja-a", 14, ok: 4, failed: 6);
        time.Advance(TimeSpan.FromHours(2));
        await RecordAsync("loja-a", 14, ok: 1, failed: 2);
        var actions = new MessageActions(database.Factory, new BackgroundJobClient(hangfire), time);
        var failed = await MessageIdsAsync(MessageSituation.Failed);

        (await actions.RequeueAsync([failed[0], failed[1], failed[7]], "operador", "teste", default)).Should().Be(3);
        (await CountersAsync()).Should().BeEquivalentTo(await ExpectedAsync());
        (await CountersAsync()).Should().Contain(new CounterKey(Hour(13), "loja-a", 14, MessageSituation.Requeued), 2);

        (await actions.DiscardAsync(failed[2], "operador", "duplicada", default)).Should().BeTrue();
        (await actions.DiscardAsync(failed[0], "operador", "já reenfileirada", default)).Should().BeFalse("it is not Failed any more");
        (await actions.RequeueAsync([failed[1]], "operador", null, default)).Should().Be(0, "already re-queued");
        (await CountersAsync()).Should().BeEquivalentTo(await ExpectedAsync());

        // A re-queued message claimed by a worker that died: the sweeper returns it to the queue after the timeout.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Messages.WhereMessageId(failed[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, MessageSituation.Processing));
            await MessageCounts.MoveAsync(db, [await db.Messages.WhereMessageId(failed[0]).Select(m => new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc)).SingleAsync()],
                MessageSituation.Requeued, MessageSituation.Processing, default);
        }

        time.Advance(RequeueSweeper.ProcessingTimeout + TimeSpan.FromMinutes(1));
        await new RequeueSweeper(database.Factory, new BackgroundJobClient(hangfire), time, NullLogger<RequeueSweeper>.Instance).SweepAsync(false, default);

        (await MessageIdsAsync(MessageSituation.Processing)).Should().BeEmpty();
        (await CountersAsync()).Should().BeEquivalentTo(await ExpectedAsync());
        (await CountersAsync()).Keys.Should().NotContain(k => k.Situation == MessageSituation.Processing, "a counter that falls to zero is deleted");
    }

    [Fact]
    public async Task Retention_DropsTheCountersOfTheHoursItPurgedWhole()
    {
        await RecordAsync("loja-a", 14, ok: 5, failed: 1);
        time.Advance(TimeSpan.FromDays(31));
        await RecordAsync("loja-a", 14, ok: 2, failed: 0);
        var retention = new MessageRetention(
            database.Factory, time, new StaticOptions(new RetentionOptions { ProcessedDays = 30, BatchSize = 100, PauseMilliseconds = 0 }),
            NullLogger<MessageRetention>.Instance);

        (await retention.PurgeAsync(default)).Should().Be(5);

        (await CountersAsync()).Should().BeEquivalentTo(await ExpectedAsync(), "the failure stays, and so does its counter");
    }

    [Fact]
    public async Task TheOverview_ReadsTheCounters_NotTheMessageTable()
    {
        await RecordAsync("loja-a", 14, ok: 3, failed: 2);
        time.Advance(TimeSpan.FromHours(1));
        await RecordAsync("loja-a", 13, ok: 1, failed: 1);
        await RecordAsync("loja-b", 14, ok: 2, failed: 0);
        var queries = new OverviewQueries(database.Factory);

        (await queries.CountUnresolvedFailuresAsync(default)).Should().BeEquivalentTo(
        [
            new DiagramCount("loja-a", 14, MessageSituation.Failed, 2),
            new DiagramCount("loja-a", 13, MessageSituation.Failed, 1),
        ]);
        (await queries.CountByDiagramAsync(time.GetUtcNow().UtcDateTime, default)).Should().BeEquivalentTo(
        [
            new DiagramCount("loja-a", 13, MessageSituation.Processed, 1),
            new DiagramCount("loja-a", 13, MessageSituation.Failed, 1),
            new DiagramCount("loja-b", 14, MessageSituation.Processed, 2),
        ], "only the hour asked for");
        (await queries.CountByHourAsync(Start.UtcDateTime, [14], "loja-a", default)).Should().BeEquivalentTo(
        [
            new HourlyCount(Hour(13), "loja-a", MessageSituation.Processed, 3),
            new HourlyCount(Hour(13), "loja-a", MessageSituation.Failed, 2),
        ]);

        // Read from the counters only: emptying the message table leaves the overview's numbers as they were.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Attempts.ExecuteDeleteAsync();
            await db.Payloads.ExecuteDeleteAsync();
            await db.Messages.ExecuteDeleteAsync();
        }

        (await queries.CountByHourAsync(Start.UtcDateTime, [], null, default)).Sum(c => c.Count).Should().Be(9);
    }

    [Fact]
    public async Task TheMigration_BackfillsTheCounters_OfAStoreRecordedBeforeThem()
    {
        await RecordAsync("loja-a", 14, ok: 4, failed: 3);
        time.Advance(TimeSpan.FromHours(5));
        await RecordAsync("loja-b", 31, ok: 2, failed: 1);
        var expected = await ExpectedAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.MessageCounters.ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync(MessageCounts.BackfillSql(sqlite: true));
        }

        (await CountersAsync()).Should().BeEquivalentTo(expected);
    }

    private static DateTime Hour(int hour) => new(2026, 12, 7, hour, 0, 0, DateTimeKind.Utc);

    private async Task RecordAsync(string connection, int diagram, int ok, int failed)
    {
        await using var recorder = new MessageRecorder(database.Factory, time, connection, diagram, Guid.NewGuid(), "scheduler", batchSize: 7);
        for (var i = 0; i < ok + failed; i++)
        {
            var result = i < ok
                ? ItemResult.Ok("UPDATE OK", $"SKU-{i}", "{}")
                : ItemResult.Fail("UPDATE SKU", $"SKU-{i}", "{}", "SKU não encontrado");
            await recorder.RecordAsync(result, default);
        }

        await recorder.FlushAsync(default);
    }

    private async Task<List<Guid>> MessageIdsAsync(MessageSituation situation)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Messages.Where(m => m.Situation == situation).OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync();
    }

    private async Task<Dictionary<CounterKey, long>> CountersAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return (await db.MessageCounters.AsNoTracking().ToListAsync())
            .ToDictionary(c => new CounterKey(c.HourUtc, c.ConnectionId, c.Diagram, c.Situation), c => c.Count);
    }

    // What the counters must equal: the message table grouped by hour received, connection, diagram and situation.
    private async Task<Dictionary<CounterKey, long>> ExpectedAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var rows = await db.Messages.AsNoTracking().Select(m => new { m.ReceivedAtUtc, m.ConnectionId, m.Diagram, m.Situation }).ToListAsync();
        return rows.GroupBy(m => new CounterKey(MessageCounts.HourOf(m.ReceivedAtUtc), m.ConnectionId, m.Diagram, m.Situation))
            .ToDictionary(g => g.Key, g => (long)g.Count());
    }

    private sealed class StaticOptions(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;

        public RetentionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }
}
