using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Tests.Storage;

/// <summary>
/// The EF path of the recorder (SQL Server's, which cannot run here), forced on SQLite and PostgreSQL: the same inserts,
/// counts and healing as the bulk writers (ADR-017, ADR-027).
/// </summary>
public sealed class EfMessageWriterTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ALaterProcessedMessage_ResolvesTheEarlierFailureOfItsItem_ThroughEf(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var failed = Message(T0, MessageSituation.Failed, "SKU-1");
        var otherKey = Message(T0, MessageSituation.Failed, "SKU-2");
        await WriteAsync(database, [failed, otherKey]);

        var processed = Message(T0.AddMinutes(10), MessageSituation.Processed, "SKU-1");
        await WriteAsync(database, [processed]);

        processed.Id.Should().BeGreaterThan(otherKey.Id, "the writer sets the row id once committed");
        await using var read = await database.Factory.CreateDbContextAsync();
        var rows = await read.Messages.AsNoTracking().ToDictionaryAsync(m => m.MessageId);
        rows[failed.MessageId].Situation.Should().Be(MessageSituation.Resolved, "a processed message of the item heals its earlier failure ('Resolvida')");
        rows[failed.MessageId].ResolvedByMessageId.Should().Be(processed.MessageId);
        rows[otherKey.MessageId].Situation.Should().Be(MessageSituation.Failed);
        rows[processed.MessageId].Situation.Should().Be(MessageSituation.Processed);
        var counts = await read.MessageCounters.AsNoTracking().Where(c => c.Diagram == 14).ToListAsync();
        counts.Where(c => c.Situation == MessageSituation.Failed).Sum(c => c.Count).Should().Be(1, "the healed failure left the Failed count");
        counts.Where(c => c.Situation == MessageSituation.Resolved).Sum(c => c.Count).Should().Be(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheMessagesAStateChangeReturns_AreWrittenInItsTransaction_AndHealInIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var failed = Message(T0, MessageSituation.Failed, "SKU-7");
        await WriteAsync(database, [failed]);

        var fromChange = Message(T0.AddMinutes(5), MessageSituation.Processed, "SKU-7");
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var produced = await EfMessageWriter.WriteAsync(db, [], async (d, ct) =>
            {
                await d.Messages.Where(m => m.MessageId == failed.MessageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Component, "CHANGED"), ct);
                return [fromChange];
            }, CancellationToken.None);
            produced.Should().Be(1);
        }

        await using var read = await database.Factory.CreateDbContextAsync();
        var healed = await read.Messages.AsNoTracking().SingleAsync(m => m.MessageId == failed.MessageId);
        healed.Component.Should().Be("CHANGED");
        healed.Situation.Should().Be(MessageSituation.Resolved);
        healed.ResolvedByMessageId.Should().Be(fromChange.MessageId);
    }

    private static async Task WriteAsync(ITestDatabase database, IReadOnlyList<IntegrationMessage> messages)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        await EfMessageWriter.WriteAsync(db, messages, change: null, CancellationToken.None);
    }

    private static IntegrationMessage Message(DateTime at, MessageSituation situation, string key) =>
        MessageRecorder.NewMessage(
            "loja-a",
            14,
            Guid.NewGuid(),
            "test",
            situation == MessageSituation.Failed ? ItemResult.Fail("POST sku", key, "{}", "VTEX recusou") : ItemResult.Ok("UPDATE OK", key, "{}"),
            at);
}
