using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IpaasMonitor.Data.Tests.Storage;

/// <summary>
/// PostgreSQL's schema as migrated: a message's payload and attempts carry no foreign key to it (a per-row check and row
/// lock that cost a quarter of the server's time per recorded message), every other foreign key is there, and the
/// writer keeps the three tables whole by itself (ADR-020 amendment 2026-12-08).
/// </summary>
public sealed class PostgreSqlMigrationsSqlGeneratorTests
{
    [Fact]
    public async Task TheMigratedSchema_HasNoForeignKeyFromAMessagesChildrenToIt_AndKeepsTheOthers()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var keys = new List<(string Child, string Parent)>();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add((reader.GetString(0).Trim('"'), reader.GetString(1).Trim('"')));
            }
        }

        keys.Should().NotContain(k => k.Parent == "Messages", "a payload or attempt row is checked and locks its message row on every insert");
        keys.Should().Contain(("RequeueBatchItems", "RequeueBatches"), "only the message's children lose their key");
        keys.Should().Contain(("AlertNotifications", "Alerts"));
    }

    [Fact]
    public async Task TheWriter_StoresEveryMessageWithItsPayloadAndAttempt_InOneTransaction()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var now = new DateTime(2026, 12, 8, 1, 0, 0, DateTimeKind.Utc);
        var messages = Enumerable.Range(0, 300)
            .Select(i => MessageRecorder.NewMessage("loja-a", 14, null, "test", i % 3 == 0
                ? ItemResult.Fail("PUT VTEX", $"SKU-{i}", "{\"sku\":1}", "VTEX respondeu 500", "{\"error\":1}")
                : ItemResult.Ok("UPDATE OK", $"SKU-{i}", "{\"sku\":1}"), now))
            .Select(SqliteMessageWriter.Encode)
            .ToList();

        // A batch whose last attempt the server refuses (too long for its column): the messages and payloads copied
        // before it go with the transaction, no row is left without its message or the other way round.
        var refused = messages.Take(100).Select(e => MessageRecorder.NewMessage("loja-a", 14, null, "test", ItemResult.Ok("UPDATE OK", "SKU-X", "{}"), now))
            .Select(SqliteMessageWriter.Encode).ToList();
        refused[^1].Message.Attempts.Single().Component = new string('x', MessageAttempt.ComponentMaxLength + 50);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var write = () => PostgreSqlMessageWriter.WriteAsync(db, refused, default);
            await write.Should().ThrowAsync<PostgresException>();
        }

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await PostgreSqlMessageWriter.WriteAsync(db, messages, default);
        }

        await using var check = await database.Factory.CreateDbContextAsync();
        var ids = await check.Messages.Select(m => m.Id).ToListAsync();
        ids.Should().HaveCount(300);
        (await check.Payloads.Select(p => p.MessageId).ToListAsync()).Should().BeEquivalentTo(ids);
        (await check.Attempts.Select(a => a.MessageId).ToListAsync()).Should().BeEquivalentTo(ids);
        (await check.Messages.CountAsync(m => m.Situation == MessageSituation.Failed)).Should().Be(100);
    }
}
