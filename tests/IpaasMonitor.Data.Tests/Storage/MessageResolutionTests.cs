using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Tests.Storage;

/// <summary>Failures that heal close themselves as the processed messages are written (ADR-017).</summary>
public sealed class MessageResolutionTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Writer_ResolvesTheEarlierOpenFailuresOfTheSameItem_AndNothingElse()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var failed = Message(T0, MessageSituation.Failed, 14, "loja-a", "SKU-1");
        var requeued = Message(T0.AddMinutes(1), MessageSituation.Requeued, 14, "loja-a", "SKU-1");
        var discarded = Message(T0.AddMinutes(1), MessageSituation.Discarded, 14, "loja-a", "SKU-1");
        var otherDiagram = Message(T0.AddMinutes(2), MessageSituation.Failed, 16, "loja-a", "SKU-1");
        var otherConnection = Message(T0.AddMinutes(2), MessageSituation.Failed, 14, "loja-b", "SKU-1");
        var otherKey = Message(T0.AddMinutes(2), MessageSituation.Failed, 14, "loja-a", "SKU-2");
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await SqliteMessageWriter.WriteAsync(db, [failed, requeued, discarded, otherDiagram, otherConnection, otherKey], CancellationToken.None);
        }

        var processed = Message(T0.AddMinutes(10), MessageSituation.Processed, 14, "loja-a", "SKU-1");
        var failedAfter = Message(T0.AddMinutes(11), MessageSituation.Failed, 14, "loja-a", "SKU-1");
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await SqliteMessageWriter.WriteAsync(db, [processed, failedAfter], CancellationToken.None);
        }

        await using var read = await database.Factory.CreateDbContextAsync();
        var rows = await read.Messages.AsNoTracking().ToDictionaryAsync(m => m.Id);
        foreach (var healed in new[] { failed, requeued })
        {
            rows[healed.Id].Situation.Should().Be(MessageSituation.Resolved);
            rows[healed.Id].ResolvedByMessageId.Should().Be(processed.MessageId);
            rows[healed.Id].ResolvedAtUtc.Should().Be(processed.ReceivedAtUtc);
        }

        rows[discarded.Id].Situation.Should().Be(MessageSituation.Discarded);
        foreach (var open in new[] { otherDiagram, otherConnection, otherKey, failedAfter })
        {
            rows[open.Id].Situation.Should().Be(MessageSituation.Failed, "only earlier failures of the same connection, diagram and key heal");
            rows[open.Id].ResolvedByMessageId.Should().BeNull();
        }
    }

    [Fact]
    public async Task ResolveAsync_ThroughEf_ResolvesEveryOtherOpenFailure_ForAReprocessedMessage()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var older = Message(T0, MessageSituation.Failed, 20, "loja-a", "SKU-9");
        var reprocessed = Message(T0.AddMinutes(1), MessageSituation.Processed, 20, "loja-a", "SKU-9");
        var newer = Message(T0.AddMinutes(2), MessageSituation.Failed, 20, "loja-a", "SKU-9");
        await database.InsertAsync(older, reprocessed, newer);

        await using var db = await database.Factory.CreateDbContextAsync();
        var resolved = await MessageResolution.ResolveAsync(db, [MessageResolution.ForReprocessed(reprocessed, T0.AddMinutes(5))], CancellationToken.None);

        resolved.Should().Be(2);
        (await db.Messages.AsNoTracking().Where(m => m.Situation == MessageSituation.Resolved).Select(m => m.Id).ToListAsync())
            .Should().BeEquivalentTo([older.Id, newer.Id]);
    }

    [Fact]
    public async Task TheResolutionStatement_SeeksThePartialIndexOfOpenWork_ItemByItem_WithoutScanningMessages()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + MessageResolution.SqliteSql;
        command.Parameters.AddWithValue("$items", "[]");
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        string.Join(" | ", plan).Should().Contain("SEARCH m USING INDEX IX_Messages_OpenByItem (ConnectionId=? AND Diagram=? AND BusinessKey=?")
            .And.NotContain("SCAN m");
    }

    private static IntegrationMessage Message(DateTime at, MessageSituation situation, int diagram, string connection, string key) =>
        TestMessages.New(at, situation, diagram, connection, situation == MessageSituation.Processed ? "UPDATE OK" : "PUT stock", businessKey: key);
}
