using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Data.Tests;

/// <summary>
/// A retrying execution strategy (SQL Server's <c>EnableRetryOnFailure</c>, and PostgreSQL's since ADR-020's amendment)
/// refuses a transaction begun outside <c>CreateExecutionStrategy().ExecuteAsync</c>. Every writer of the store that
/// begins one is run here under the strategy the app configures: PostgreSQL's <c>EnableRetryOnFailure</c> and SQLite's
/// <see cref="SqliteBusyRetryStrategy"/>. SQL Server cannot run on this machine.
/// </summary>
public abstract class DataServiceCollectionExtensionsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 14, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryStorage hangfire = new();
    private ITestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabases.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        hangfire.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task EveryWriterThatBeginsATransaction_RunsUnderARetryingExecutionStrategy()
    {
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Database.CreateExecutionStrategy().RetriesOnFailure.Should().BeTrue("the store is configured with a retrying strategy");
        }

        // The recorder's bulk writers (SQLite's prepared statements, PostgreSQL's binary COPY), each batch in its transaction.
        await using (var recorder = new MessageRecorder(database.Factory, time, "loja-a", 14, Guid.NewGuid(), "scheduler", batchSize: 4))
        {
            for (var i = 0; i < 6; i++)
            {
                await recorder.RecordAsync(ItemResult.Fail("PUT VTEX", $"SKU{i}", "{}", "VTEX respondeu 500", "{\"error\":500}"), default);
            }
        }

        // A later run processes SKU0, which resolves SKU0's failure in the same transaction (a run does not resolve its own).
        await using (var recorder = new MessageRecorder(database.Factory, time, "loja-a", 14, Guid.NewGuid(), "scheduler", batchSize: 4))
        {
            await recorder.RecordAsync(ItemResult.Ok("UPDATE OK", "SKU0", "{\"sku\":0}"), default);
        }

        (await RowsAsync(MessageSituation.Failed)).Should().HaveCount(5, "SKU0's failure was resolved by its processed message");
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var processed = await db.Messages.Include(m => m.Payload).Include(m => m.Attempts).SingleAsync(m => m.Situation == MessageSituation.Processed);
            processed.Payload!.Content.Should().Be("{\"sku\":0}", "the payload is stored as the model reads it");
            processed.Attempts.Should().ContainSingle().Which.Component.Should().Be("UPDATE OK");
            (await db.Messages.CountAsync(m => m.Situation == MessageSituation.Resolved && m.BusinessKey == "SKU0")).Should().Be(1);
        }

        // Resolution in a transaction of its own (no ambient one).
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var processed = TestMessages.New(Start.UtcDateTime.AddMinutes(1), MessageSituation.Processed, diagram: 14, businessKey: "SKU1");
            db.Messages.Add(processed);
            await db.SaveChangesAsync();
            (await MessageResolution.ResolveAsync(db, [MessageResolution.ForReprocessed(processed, Start.UtcDateTime.AddMinutes(1))], default)).Should().Be(1);
        }

        // The failure groups' backfill of cause keys (failures recorded before ADR-017 have none).
        var failedRows = await RowsAsync(MessageSituation.Failed);
        failedRows.Should().HaveCount(4);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Messages.Where(m => m.Situation == MessageSituation.Failed).ExecuteUpdateAsync(s => s.SetProperty(m => m.CauseKey, (string?)null));
        }

        (await new FailureGroupQueries(database.Factory, time).BackfillCauseKeysAsync(default)).Should().Be(failedRows.Count);

        // Re-queue, discard and a re-queue batch of a selection.
        var actions = new MessageActions(database.Factory, new BackgroundJobClient(hangfire), time);
        var failed = await MessageIdsAsync(MessageSituation.Failed);
        (await actions.RequeueAsync([failed[0]], "operador", "teste", default)).Should().Be(1);
        (await actions.DiscardAsync(failed[1], "operador", "duplicada", default)).Should().BeTrue();
        var batches = new RequeueBatches(database.Factory, actions, new MessageQueries(database.Factory), new Monitor<RequeueOptions>(new RequeueOptions()), time,
            new DiagramLeases(database.Factory, time, new NodeIdentity(Options.Create(new NodeOptions())), Options.Create(new NodeOptions())));
        var batchId = await batches.StartSelectionAsync([failed[2], failed[3]], "operador", "lote", default);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            (await db.RequeueBatchItems.CountAsync(i => i.BatchId == batchId)).Should().Be(2);
        }

        // The retention purge, a month later.
        time.Advance(TimeSpan.FromDays(40));
        var retention = new MessageRetention(
            database.Factory, time, new Monitor<RetentionOptions>(new RetentionOptions { ProcessedDays = 30, BatchSize = 1, PauseMilliseconds = 0 }),
            NullLogger<MessageRetention>.Instance);
        (await retention.PurgeAsync(default)).Should().BeGreaterThan(0);
    }

    private async Task<List<long>> RowsAsync(MessageSituation situation)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Messages.Where(m => m.Situation == situation).Select(m => m.Id).ToListAsync();
    }

    private async Task<List<Guid>> MessageIdsAsync(MessageSituation situation)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Messages.Where(m => m.Situation == situation).OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync();
    }

    public sealed class OnSqlite() : DataServiceCollectionExtensionsTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : DataServiceCollectionExtensionsTests(DatabaseProvider.PostgreSql);

    /// <summary>A retrying strategy for SQLite (which has none): retries SQLITE_BUSY, and like every retrying strategy refuses outside transactions.</summary>
    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
