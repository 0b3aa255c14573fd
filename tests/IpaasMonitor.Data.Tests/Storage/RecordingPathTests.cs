using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Data.Tests.Storage;

/// <summary>
/// The recording path's choices (ADR-011): message ids, id lookups without an id index, time flush, checkpoints. How a
/// failing checkpoint shows in the health endpoint is in Web.Tests (<c>Hosting/WalCheckpointHealthCheckTests</c>).
/// </summary>
public sealed class RecordingPathTests
{
    [Fact]
    public void NewMessageId_CarriesTheHourInItsFirstByte_AndIsOtherwiseRandom()
    {
        var now = new DateTimeOffset(2026, 11, 28, 15, 42, 7, TimeSpan.Zero);
        var hourByte = (now.ToUnixTimeSeconds() / 3600 % 256).ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

        var ids = Enumerable.Range(0, 5_000).Select(_ => IntegrationMessage.NewMessageId(now)).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Select(id => id.ToString("N")).Should().AllSatisfy(text =>
        {
            text[..2].Should().Be(hourByte);
            text[12].Should().Be('8', "RFC 9562's version for a custom layout");
            text[16].Should().BeOneOf('8', '9', 'a', 'b');
        });
        ids.Select(IntegrationMessage.ShortIdOf).Distinct().Should().HaveCountGreaterThan(4_990, "the short id keeps 24 random bits after the hour byte");
        IntegrationMessage.ShortIdOf(IntegrationMessage.NewMessageId(now.AddHours(1)))[..2].Should().NotBe(hourByte);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheCorrelationIndex_HoldsOnlyTheMessagesThatCarryOne(DatabaseProvider provider)
    {
        // A catalogue message (no correlation id, nearly every recorded message) costs this index no entry (ADR-020
        // amendment 2026-12-08); the search still seeks it (Monitoring/SearchTermsTests).
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var db = await database.Factory.CreateDbContextAsync();
        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name LIKE 'IX_Messages_CorrelationId%'"
            : "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname LIKE 'IX_Messages_CorrelationId%'";
        var definitions = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();

        definitions.Should().ContainSingle().Which.Should().MatchRegex(@"WHERE \(?""CorrelationId"" IS NOT NULL\)?$");
    }

    [Fact]
    public async Task IdLookups_FindTheMessage_ThroughTheShortIdIndex_WithNoIndexOnTheIdItself()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var now = DateTime.UtcNow;
        var messages = Enumerable.Range(0, 50)
            .Select(i => MessageRecorder.NewMessage("loja-a", 14, null, "test", ItemResult.Ok("UPDATE OK", $"SKU-{i}", "{}"), now))
            .ToArray();
        await database.InsertAsync(messages);
        await using var db = await database.Factory.CreateDbContextAsync();

        (await db.Messages.WhereMessageId(messages[17].MessageId).Select(m => m.BusinessKey).SingleAsync()).Should().Be("SKU-17");
        (await db.Messages.WhereMessageId(Guid.NewGuid()).AnyAsync()).Should().BeFalse();
        (await db.Messages.WhereMessageIdIn([messages[3].MessageId, messages[40].MessageId, Guid.NewGuid()]).Select(m => m.BusinessKey).ToListAsync())
            .Should().BeEquivalentTo("SKU-3", "SKU-40");

        var plan = await QueryPlan.ExplainAsync(database.ConnectionString, db.Messages.WhereMessageId(messages[17].MessageId).ToQueryString());
        plan.Should().Contain("IX_Messages_ShortId_ReceivedAtUtc_Situation").And.NotContain("SCAN");
        var indexes = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Messages'").ToListAsync();
        indexes.Should().NotContain("IX_Messages_MessageId");
    }

    [Fact]
    public async Task MessageRecorder_WritesASlowRunsMessages_AfterMaxDelay_WithoutWaitingForAFullBatch()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var recorder = new MessageRecorder(database.Factory, time, "loja-a", 29, Guid.NewGuid(), "scheduler", batchSize: 5_000, maxDelay: TimeSpan.FromSeconds(1));

        await recorder.RecordAsync(ItemResult.Ok("POST ERP", "PED-1", "{}"), default);
        await recorder.RecordAsync(ItemResult.Ok("POST ERP", "PED-2", "{}"), default);
        time.Advance(TimeSpan.FromMilliseconds(500));
        (await CountAsync(database)).Should().Be(0, "half a second is within the delay");

        time.Advance(TimeSpan.FromMilliseconds(500));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CountAsync(database) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        (await CountAsync(database)).Should().Be(2, "the timer writes what waited a second, before the run ends");
        recorder.Written.Should().Be(2);
    }

    [Fact]
    public async Task Writer_GivesIdsAfterTheHighestEverGiven_AsAutoincrementDoes()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var now = DateTime.UtcNow;
        IntegrationMessage New(string key) => MessageRecorder.NewMessage("loja-a", 14, null, "test", ItemResult.Ok("UPDATE OK", key, "{}"), now);
        var first = new[] { New("A"), New("B"), New("C") };
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await SqliteMessageWriter.WriteAsync(db, first, default);
            await db.Messages.Where(m => m.Id == first[2].Id).ExecuteDeleteAsync();
        }

        var next = New("D");
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await SqliteMessageWriter.WriteAsync(db, [next], default);
        }

        first.Select(m => m.Id).Should().Equal(1, 2, 3);
        next.Id.Should().Be(4, "an id is never given twice, even after its message was deleted");
        await using var check = await database.Factory.CreateDbContextAsync();
        (await check.Payloads.CountAsync(p => p.MessageId == 4)).Should().Be(1);
        (await check.Attempts.CountAsync(a => a.MessageId == 4)).Should().Be(1);
    }

    [Fact]
    public async Task Writer_LeavesTheCheckpointToTheBackground_AndGivesThePooledConnectionBackAsItFoundIt()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        var payload = new string('x', 3_000);
        var now = DateTime.UtcNow;
        for (var batch = 0; batch < 5; batch++)
        {
            await using var db = await database.Factory.CreateDbContextAsync();
            var messages = Enumerable.Range(0, 400)
                .Select(i => MessageRecorder.NewMessage("loja-a", 14, null, "test", ItemResult.Ok("UPDATE OK", $"SKU-{batch}-{i}", payload + i), now))
                .ToList();
            await SqliteMessageWriter.WriteAsync(db, messages, default);
        }

        var checkpointer = SqliteWalCheckpointer.For(database.ConnectionString)!;
        await checkpointer.WaitIdleAsync(default);
        checkpointer.Checkpoints.Should().BeGreaterThan(0);
        checkpointer.Failures.Should().Be(0, checkpointer.LastFailure);

        await using var connection = new SqliteConnection(database.ConnectionString); // the pool's connection, the writer's one
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        (await command.ExecuteScalarAsync()).Should().Be(1000L, "other writers keep SQLite's default checkpoint");
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetInt64(1).Should().Be(reader.GetInt64(2), "the background checkpoint copied every page of the log back");
        SqliteWalCheckpointer.For("Data Source=:memory:").Should().BeNull();
    }

    private static async Task<int> CountAsync(SqliteTestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Messages.CountAsync();
    }
}
