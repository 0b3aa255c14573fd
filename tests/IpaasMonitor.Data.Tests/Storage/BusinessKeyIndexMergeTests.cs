using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpaasMonitor.Data.Tests.Storage;

/// <summary>The business key's two-tier index (ADR-013): recorded into the recent tier, merged into the settled one, searched in both.</summary>
public sealed class BusinessKeyIndexMergeTests
{
    private static readonly DateTime T0 = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Merge_MovesEveryRecentRowToTheSettledTier_InBatches_AndSearchSeesTheSameRowsBeforeAndAfter(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        // 12,000 messages over 40 keys: three merge batches (5,000), each key spread over all of them.
        var messages = Enumerable.Range(0, 12_000)
            .Select(i => Message(T0.AddMilliseconds(i), $"SKU-{i % 40:D3}", i % 7 == 0 ? MessageSituation.Failed : MessageSituation.Processed))
            .ToList();
        await WriteAsync(database, messages);
        (await TierCountsAsync(database)).Should().Equal([(KeyTiers.Recent, 12_000L)], "the writer records every message into the recent tier");

        var queries = new MessageQueries(database.Factory);
        var before = await SearchAllAsync(queries, "SKU-007");
        var countsBefore = await queries.CountBySituationAsync(new MessageFilter { Search = "SKU-007" });

        var merged = await new BusinessKeyIndexMerge(database.Factory, TimeProvider.System, NullLogger<BusinessKeyIndexMerge>.Instance)
            .MergeAsync(TimeSpan.Zero, CancellationToken.None);

        merged.Should().Be(12_000);
        (await TierCountsAsync(database)).Should().Equal([(KeyTiers.Settled, 12_000L)]);
        before.Should().HaveCount(300);
        (await SearchAllAsync(queries, "SKU-007")).Should().Equal(before);
        (await queries.CountBySituationAsync(new MessageFilter { Search = "SKU-007" })).Should().BeEquivalentTo(countsBefore);
        countsBefore[MessageSituation.Failed].Should().Be(new BoundedCount(messages.Count(m => m.BusinessKey == "SKU-007" && m.Situation == MessageSituation.Failed), false));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Search_MergesBothTiersNewestFirst_AndCountsEachRowOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var older = Enumerable.Range(0, 30).Select(i => Message(T0.AddSeconds(i), "SKU-1", MessageSituation.Processed)).ToList();
        await WriteAsync(database, older);
        await new BusinessKeyIndexMerge(database.Factory, TimeProvider.System, NullLogger<BusinessKeyIndexMerge>.Instance).MergeAsync(TimeSpan.Zero, CancellationToken.None);
        var newer = Enumerable.Range(0, 20).Select(i => Message(T0.AddSeconds(15 + (i * 2) + 0.5), "SKU-1", MessageSituation.Failed)).ToList();
        await WriteAsync(database, newer);
        (await TierCountsAsync(database)).Should().BeEquivalentTo([(KeyTiers.Recent, 20L), (KeyTiers.Settled, 30L)]);

        var queries = new MessageQueries(database.Factory);
        var expected = older.Concat(newer).OrderByDescending(m => m.ReceivedAtUtc).ThenByDescending(m => m.Id).Select(m => m.MessageId).ToList();

        (await SearchAllAsync(queries, "SKU-1")).Should().Equal(expected, "the two tiers interleave in time and are merged in order");
        (await queries.CountAsync(new MessageFilter { Search = "SKU-1" })).Should().Be(new BoundedCount(50, false));
        var counts = await queries.CountBySituationAsync(new MessageFilter { Search = "SKU-1" });
        counts[MessageSituation.Processed].Should().Be(new BoundedCount(30, false));
        counts[MessageSituation.Failed].Should().Be(new BoundedCount(20, false));
        (await queries.GetMessageIdsAsync(new MessageFilter { Search = "SKU-1", Situations = [MessageSituation.Failed] }, 100, default))
            .Should().BeEquivalentTo(newer.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Merge_ReadsTheRecentIndexInKeyOrder_WithoutSortingOrScanning()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using var db = await database.Factory.CreateDbContextAsync();

        var plan = await QueryPlan.ExplainAsync(database.ConnectionString, BusinessKeyIndexMerge.BatchQuery(db, 1_000).ToQueryString());

        plan.Should().Contain("IX_Messages_BusinessKey_Recent").And.NotContain("TEMP B-TREE").And.NotContain("SCAN Messages");
    }

    [Fact]
    public async Task Messages_RecordedThroughEf_EnterTheRecentTier()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await database.InsertAsync(Message(T0, "SKU-9", MessageSituation.Processed));

        (await TierCountsAsync(database)).Should().Equal([(KeyTiers.Recent, 1L)]);
    }

    // One run's messages: a run does not resolve its own failures (ADR-017), so the store keeps every Failed row written.
    private static readonly Guid RunId = Guid.NewGuid();

    private static IntegrationMessage Message(DateTime at, string key, MessageSituation situation) =>
        MessageRecorder.NewMessage("loja-a", 14, RunId, "test",
            situation == MessageSituation.Failed ? ItemResult.Fail("PUT VTEX", key, "{}", "VTEX respondeu 429") : ItemResult.Ok("UPDATE OK", key, "{}"), at);

    private static async Task WriteAsync(ITestDatabase database, IReadOnlyList<IntegrationMessage> messages)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await SqliteMessageWriter.WriteAsync(db, messages, CancellationToken.None);
        }
        else
        {
            // The recorder's generic path (MessageRecorder): EF's batched inserts.
            db.Messages.AddRange(messages);
            await db.SaveChangesAsync();
        }
    }

    private static async Task<List<(int Tier, long Count)>> TierCountsAsync(ITestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var rows = await db.Messages.GroupBy(m => m.KeyTier).Select(g => new { g.Key, Count = g.LongCount() }).OrderBy(g => g.Key).ToListAsync();
        return rows.Select(r => (r.Key, r.Count)).ToList();
    }

    private static async Task<List<Guid>> SearchAllAsync(MessageQueries queries, string key)
    {
        var filter = new MessageFilter { Search = key };
        var found = new List<Guid>();
        var page = await queries.GetPageAsync(filter, MessagePageRequest.First(70), default);
        found.AddRange(page.Rows.Select(r => r.MessageId));
        while (page.HasNext)
        {
            page = await queries.GetPageAsync(filter, new MessagePageRequest { PageSize = 70, After = page.LastCursor }, default);
            found.AddRange(page.Rows.Select(r => r.MessageId));
        }

        return found;
    }
}
