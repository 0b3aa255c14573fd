using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Testing;

namespace IpaasMonitor.Data.Tests.Monitoring;

/// <summary>The grid's queries on each provider; the query-plan checks read SQLite's EXPLAIN QUERY PLAN.</summary>
public abstract class MessageQueriesTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2024, 3, 7, 21, 0, 0, DateTimeKind.Utc);
    private static readonly MessageSituation[] Cycle =
        [MessageSituation.Processed, MessageSituation.Processed, MessageSituation.Failed, MessageSituation.Requeued, MessageSituation.Processing];

    private ITestDatabase database = null!;
    private MessageQueries queries = null!;
    private List<IntegrationMessage> seeded = [];

    public async Task InitializeAsync()
    {
        database = await TestDatabases.CreateAsync(provider);
        queries = new MessageQueries(database.Factory);

        // 300 messages; every third shares its timestamp with the previous one to exercise the Id tie-break.
        // Their message ids are fixed (00000000-… to 0000012b-…) so an identifier-prefix search never meets a random one.
        seeded = Enumerable.Range(0, 300).Select(i => TestMessages.New(
            T0.AddMinutes(-(i - (i % 3 == 2 ? 1 : 0))),
            Cycle[i % Cycle.Length],
            diagram: i % 4 == 0 ? 9 : 12,
            connection: i % 2 == 0 ? "loja-a" : "loja-b",
            businessKey: $"SKU-{i}",
            correlationId: i < 10 ? "ORDER-1" : null,
            messageId: Guid.Parse($"{i:x8}-5eed-4000-8000-000000000000"))).ToList();
        await database.InsertAsync(seeded.ToArray());
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public static TheoryData<string> Filters => new() { "none", "failed+requeued", "loja-b", "loja-a+12+failed", "diagram9", "five-diagrams" };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task GetPageAsync_WalksEveryRowOnceInNewestFirstOrder_WhenFollowingCursors(string name)
    {
        var filter = FilterNamed(name);
        var expected = Expected(filter);

        var walked = new List<MessageRow>();
        var page = await queries.GetPageAsync(filter, MessagePageRequest.First(25), default);
        page.HasPrevious.Should().BeFalse();
        walked.AddRange(page.Rows);
        while (page.HasNext)
        {
            page = await queries.GetPageAsync(filter, new MessagePageRequest { PageSize = 25, After = page.LastCursor }, default);
            walked.AddRange(page.Rows);
        }

        walked.Select(r => r.Id).Should().Equal(expected.Select(m => m.Id));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task GetPageAsync_ReturnsSamePageByOffsetAndByCursor_WhenGoingBackAndJumping(string name)
    {
        var filter = FilterNamed(name);
        var first = await queries.GetPageAsync(filter, MessagePageRequest.First(4), default);
        var second = await queries.GetPageAsync(filter, new MessagePageRequest { PageSize = 4, After = first.LastCursor }, default);
        var third = await queries.GetPageAsync(filter, new MessagePageRequest { PageSize = 4, After = second.LastCursor }, default);

        var back = await queries.GetPageAsync(filter, new MessagePageRequest { PageSize = 4, Before = third.FirstCursor }, default);
        back.Rows.Select(r => r.Id).Should().Equal(second.Rows.Select(r => r.Id));
        back.HasPrevious.Should().BeTrue();

        var backToFirst = await queries.GetPageAsync(filter, new MessagePageRequest { PageSize = 4, Before = second.FirstCursor }, default);
        backToFirst.Rows.Select(r => r.Id).Should().Equal(first.Rows.Select(r => r.Id));
        backToFirst.HasPrevious.Should().BeFalse();

        var jumped = await queries.GetPageAsync(filter, new MessagePageRequest { PageSize = 4, PageIndex = 2 }, default);
        jumped.Rows.Select(r => r.Id).Should().Equal(third.Rows.Select(r => r.Id));
        jumped.Rows.Select(r => r.Id).Should().Equal(Expected(filter).Skip(8).Take(4).Select(m => m.Id));
    }

    [Fact]
    public async Task CountAsync_ReportsLowerBound_WhenMoreRowsThanLimit()
    {
        (await queries.CountAsync(MessageFilter.None, limit: 50)).Should().Be(new BoundedCount(50, true));
        (await queries.CountAsync(MessageFilter.None, limit: 300)).Should().Be(new BoundedCount(300, false));
        (await queries.CountAsync(FilterNamed("failed+requeued"), limit: 100)).Should().Be(new BoundedCount(100, true));
        (await queries.CountAsync(FilterNamed("failed+requeued"), limit: 1000)).Should().Be(new BoundedCount(120, false));
    }

    [Fact]
    public async Task CountBySituationAsync_CountsEachSituationUnderTheOtherFilters()
    {
        var counts = await queries.CountBySituationAsync(new MessageFilter { ConnectionId = "loja-a", Situations = [MessageSituation.Failed] }, limit: 40);

        foreach (var situation in Enum.GetValues<MessageSituation>())
        {
            var exact = seeded.Count(m => m.ConnectionId == "loja-a" && m.Situation == situation);
            counts[situation].Should().Be(BoundedCount.FromRowsRead(exact, 40), situation.ToString());
        }

        counts[MessageSituation.Processed].IsLowerBound.Should().BeTrue();
        counts[MessageSituation.Discarded].Should().Be(BoundedCount.Zero);
    }

    [Theory]
    [InlineData("ORDER-1", 5)]
    [InlineData("SKU-7", 5)]
    [InlineData("ORDER-1", 2)]
    public async Task CountBySituationAsync_CountsASearchPerSituation_WhetherReadAtOnceOrPerSituation(string search, int limit)
    {
        // limit 5: ORDER-1's 10 rows fit in one read (4 × limit); limit 2: they do not, and the per-situation walks answer.
        var counts = await queries.CountBySituationAsync(new MessageFilter { Search = search, Situations = [MessageSituation.Failed] }, limit);

        foreach (var situation in Enum.GetValues<MessageSituation>())
        {
            var exact = seeded.Count(m => (m.BusinessKey == search || m.CorrelationId == search) && m.Situation == situation);
            counts[situation].Should().Be(BoundedCount.FromRowsRead(exact, limit), situation.ToString());
        }
    }

    [Fact]
    public async Task GetPageAsync_FindsByIdentifierPrefix_BusinessKeyAndCorrelationId()
    {
        var id = Guid.Parse("58d5d4b4-1111-4222-8333-444455556666");
        var neighbour = Guid.Parse("58d6d4b4-1111-4222-8333-444455556666");
        await database.InsertAsync(
            TestMessages.New(T0.AddDays(-10), messageId: id, businessKey: "REF-77"),
            TestMessages.New(T0.AddDays(-10), messageId: neighbour, correlationId: "REF-77"));

        (await Search("58d5")).Should().Equal(id);
        (await Search("58D5D4")).Should().Equal(id);
        (await Search("58d")).Should().BeEmpty("prefixes shorter than four hex digits are not searched");
        (await Search(id.ToString())).Should().Equal(id);
        (await Search("REF-77")).Should().BeEquivalentTo([id, neighbour]);
        (await Search("SKU-7")).Should().Equal(seeded[7].MessageId);
        (await Search("ORDER-1")).Should().HaveCount(10);
        (await queries.CountAsync(new MessageFilter { Search = "REF-77" })).Should().Be(new BoundedCount(2, false));

        async Task<List<Guid>> Search(string text) =>
            (await queries.GetPageAsync(new MessageFilter { Search = text }, MessagePageRequest.First(50), default)).Rows.Select(r => r.MessageId).ToList();
    }

    [Fact]
    public async Task GetPageAsync_KeepsOnlyReceivedRange_WhenFromAndToAreSet()
    {
        var filter = new MessageFilter { ReceivedFromUtc = T0.AddMinutes(-20), ReceivedToUtc = T0.AddMinutes(-10) };

        var page = await queries.GetPageAsync(filter, MessagePageRequest.First(100), default);

        page.Rows.Should().NotBeEmpty().And.OnlyContain(r => r.ReceivedAtUtc >= T0.AddMinutes(-20) && r.ReceivedAtUtc < T0.AddMinutes(-10));
        page.Rows.Select(r => r.Id).Should().Equal(Expected(filter).Select(m => m.Id));
        page.Rows[0].ReceivedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task GetDetailAsync_ReturnsPayloadAttemptsAuditAndRelated()
    {
        var target = seeded[2];
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Payloads.Add(new MessagePayload { MessageId = target.Id, Content = "{\"sku\":2}", RemoteResponse = "404" });
            db.Attempts.Add(new MessageAttempt { MessageId = target.Id, Number = 1, StartedAtUtc = T0, EndedAtUtc = T0, Outcome = MessageSituation.Failed, Component = "GET SKU" });
            db.Audit.Add(new AuditEntry { AtUtc = T0, UserName = "ana", Action = "requeue", TargetType = "message", TargetId = target.MessageId.ToString() });
            await db.SaveChangesAsync();
        }

        var detail = await queries.GetDetailAsync(target.MessageId, default);

        detail.Should().NotBeNull();
        detail!.Header.ShortId.Should().Be(target.ShortId);
        detail.Payload.Should().Be("{\"sku\":2}");
        detail.RemoteResponse.Should().Be("404");
        detail.Attempts.Should().ContainSingle().Which.Component.Should().Be("GET SKU");
        detail.Audit.Should().ContainSingle().Which.UserName.Should().Be("ana");
        detail.Related.Should().HaveCount(9).And.NotContain(r => r.Id == target.Id);
        (await queries.GetDetailAsync(Guid.NewGuid(), default)).Should().BeNull();
    }

    private static MessageFilter FilterNamed(string name) => name switch
    {
        "none" => MessageFilter.None,
        "failed+requeued" => new MessageFilter { Situations = [MessageSituation.Failed, MessageSituation.Requeued] },
        "loja-b" => new MessageFilter { ConnectionId = "loja-b" },
        "loja-a+12+failed" => new MessageFilter { ConnectionId = "loja-a", Diagrams = [12], Situations = [MessageSituation.Failed] },
        "diagram9" => new MessageFilter { Diagrams = [9] },
        "five-diagrams" => new MessageFilter { Diagrams = [1, 2, 9, 12, 30] },
        "loja-b+failed" => new MessageFilter { ConnectionId = "loja-b", Situations = [MessageSituation.Failed] },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private List<IntegrationMessage> Expected(MessageFilter filter) => seeded
        .Where(m => filter.ConnectionId is null || m.ConnectionId == filter.ConnectionId)
        .Where(m => filter.Diagrams.Count == 0 || filter.Diagrams.Contains(m.Diagram))
        .Where(m => filter.Situations.Count == 0 || filter.Situations.Contains(m.Situation))
        .Where(m => filter.ReceivedFromUtc is null || m.ReceivedAtUtc >= filter.ReceivedFromUtc)
        .Where(m => filter.ReceivedToUtc is null || m.ReceivedAtUtc < filter.ReceivedToUtc)
        .OrderByDescending(m => m.ReceivedAtUtc).ThenByDescending(m => m.Id).ToList();

    private Task<string> ExplainAsync(string queryString) => QueryPlan.ExplainAsync(database.ConnectionString, queryString);

    /// <summary>On the embedded default's SQLite, with the query plans each filter must get.</summary>
    public sealed class OnSqlite() : MessageQueriesTests(DatabaseProvider.Sqlite)
    {
        [Theory]
        [InlineData("none", "IX_Messages_Situation_ReceivedAtUtc")]
        [InlineData("loja-b", "IX_Messages_ConnectionId_Situation_ReceivedAtUtc")]
        [InlineData("failed+requeued", "IX_Messages_Situation_ReceivedAtUtc")]
        [InlineData("diagram9", "IX_Messages_Diagram_Situation_ReceivedAtUtc")]
        [InlineData("five-diagrams", "IX_Messages_Situation_ReceivedAtUtc")]
        [InlineData("loja-a+12+failed", "IX_Messages_ConnectionId_Diagram_Situation_ReceivedAtUtc")]
        [InlineData("loja-b+failed", "IX_Messages_ConnectionId_Situation_ReceivedAtUtc")]
        public async Task GetPageAsync_ReadsAnIndexInOrderWithoutSorting(string name, string index)
        {
            var filter = FilterNamed(name) with { ReceivedFromUtc = T0.AddDays(-1) };

            var branches = await queries.DescribeFirstPageAsync(filter, 25, default);
            foreach (var sql in branches)
            {
                var plan = await ExplainAsync(sql);
                plan.Should().Contain(index).And.NotContain("TEMP B-TREE", sql);
            }

            // A filter without situations reads one branch per situation: no index orders the rows without one (ADR-013).
            var perSituation = filter.Situations.Count == 0 ? Enum.GetValues<MessageSituation>().Length : filter.Situations.Count;
            branches.Should().HaveCount(filter.Diagrams.Count is 0 or > 4 ? perSituation : filter.Diagrams.Count * perSituation);
        }

        [Fact]
        public async Task GetPageAsync_HeldBehindAGroup_WalksTheFailuresInOrder_AndSeeksEachWaitsParent()
        {
            var filter = new MessageFilter { HeldByGroup = "0123456789abcdef", Situations = [MessageSituation.Failed] };

            var branches = await queries.DescribeFirstPageAsync(filter, 25, default);

            var plan = await ExplainAsync(branches.Should().ContainSingle().Subject);
            plan.Should().Contain("IX_Messages_Situation_ReceivedAtUtc").And.Contain("IX_Messages_OpenByItem (ConnectionId=? AND Diagram=? AND BusinessKey=?)")
                .And.NotContain("TEMP B-TREE");
        }

        [Theory]
        [InlineData("58d5d4", "IX_Messages_ShortId")]
        [InlineData("REF-77", "IX_Messages_BusinessKey_Recent")]
        [InlineData("REF-77", "IX_Messages_BusinessKey_Settled")]
        public async Task GetPageAsync_SeeksOnTheSearchKey_WhenSearching(string search, string index)
        {
            var filter = new MessageFilter { Search = search, Diagrams = [12], Situations = [MessageSituation.Failed], ConnectionId = "loja-a" };

            var plans = new List<string>();
            foreach (var sql in await queries.DescribeFirstPageAsync(filter, 25, default))
            {
                plans.Add(await ExplainAsync(sql));
            }

            plans.Should().Contain(p => p.Contains(index, StringComparison.Ordinal));
            // Seeks only: the scans allowed are of a JSON list of spellings ("SCAN k VIRTUAL TABLE") and of the error text's
            // bounded window ("SCAN m0", itself an index walk), never of the Messages table ("SCAN m").
            plans.Should().OnlyContain(p => !System.Text.RegularExpressions.Regex.IsMatch(p, @"SCAN m\b"), "a search never walks the whole table");
            plans.Should().Contain(p => p.Contains("IX_Messages_ConnectionId_Diagram_Situation_ReceivedAtUtc", StringComparison.Ordinal), "the error text's window walks the filter's index");
        }
    }

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : MessageQueriesTests(DatabaseProvider.PostgreSql);
}
