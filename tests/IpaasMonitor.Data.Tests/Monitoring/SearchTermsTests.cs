using System.Security.Cryptography;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Testing;

namespace IpaasMonitor.Data.Tests.Monitoring;

/// <summary>The search box on real SQLite: keys in any letter case, the error text (bounded), the buyer's CPF/CNPJ (ADR-019).</summary>
public sealed class SearchTermsTests : IAsyncLifetime
{
    private const string Cpf = "390.533.447-05";
    private static readonly DateTime T0 = new(2024, 3, 7, 21, 0, 0, DateTimeKind.Utc);

    private readonly CustomerDocumentHasher hasher = new(RandomNumberGenerator.GetBytes(32));
    private SqliteTestDatabase database = null!;
    private MessageQueries queries = null!;

    public async Task InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        queries = new MessageQueries(database.Factory, new MessageSearchOptions { ErrorScanRows = 3 }, hasher);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task FindsAKey_WhateverItsLetterCase()
    {
        var key = TestMessages.New(T0, businessKey: "REF-Ab1");
        var settled = TestMessages.New(T0.AddMinutes(-1), businessKey: "ref-AB1");
        settled.KeyTier = KeyTiers.Settled;
        var correlated = TestMessages.New(T0.AddMinutes(-2), correlationId: "Pedido-X9");
        var other = TestMessages.New(T0.AddMinutes(-3), businessKey: "REF-AB2");
        await database.InsertAsync(key, settled, correlated, other);

        (await SearchAsync("ref-ab1")).Should().Equal(key.MessageId, settled.MessageId);
        (await SearchAsync("REF-AB1")).Should().Equal(key.MessageId, settled.MessageId);
        (await SearchAsync("PEDIDO-x9")).Should().Equal(correlated.MessageId);
        (await queries.CountAsync(new MessageFilter { Search = "Ref-Ab1" })).Should().Be(new BoundedCount(2, false));
        (await SearchAsync("rEF-ab2")).Should().Equal(other.MessageId);
    }

    [Fact]
    public async Task FindsPartOfTheErrorText_InTheNewestFailuresOnly()
    {
        var failures = Enumerable.Range(0, 5).Select(i => Failed(T0.AddMinutes(-i), $"Tempo esgotado ao chamar a VTEX (tentativa {i})")).ToArray();
        var requeued = TestMessages.New(T0.AddMinutes(-10), MessageSituation.Requeued);
        requeued.LastError = "TEMPO ESGOTADO antes de reenfileirar";
        var processed = TestMessages.New(T0.AddMinutes(-11), MessageSituation.Processed);
        processed.LastError = "tempo esgotado, depois processada";
        await database.InsertAsync(failures.Append(requeued).Append(processed).ToArray());

        // ErrorScanRows = 3: the three newest failures, and the re-queued one (its own situation's window).
        (await SearchAsync("tempo esgotado")).Should().Equal(failures[0].MessageId, failures[1].MessageId, failures[2].MessageId, requeued.MessageId);
        (await SearchAsync("esgotado", new MessageFilter { Situations = [MessageSituation.Failed], ReceivedToUtc = T0.AddMinutes(-2) }))
            .Should().Equal([failures[3].MessageId, failures[4].MessageId], "a narrower period reaches further back");
        (await SearchAsync("100%")).Should().BeEmpty("% is a character, not a wildcard");
        (await SearchAsync("VT")).Should().BeEmpty("shorter texts are not searched in errors");
    }

    [Fact]
    public async Task FindsTheBuyersOrders_ByTheirCpfOrCnpj_TypedWithOrWithoutPunctuation()
    {
        var order = TestMessages.New(T0, diagram: 26, connection: "loja-a", businessKey: "v100-01", correlationId: "v100-01");
        var invoice = TestMessages.New(T0.AddMinutes(-1), diagram: 31, connection: "loja-a", businessKey: "1-1-20345", correlationId: "v100-01");
        var otherConnection = TestMessages.New(T0.AddMinutes(-2), diagram: 26, connection: "loja-b", correlationId: "v100-01");
        var corporate = TestMessages.New(T0.AddMinutes(-3), diagram: 26, connection: "loja-a", correlationId: "v200-01");
        await database.InsertAsync(order, invoice, otherConnection, corporate);
        await RememberAsync("loja-a", "v100-01", "39053344705");
        await RememberAsync("loja-a", "v200-01", "12.ABC.345/01DE-35");

        (await SearchAsync(Cpf)).Should().Equal(order.MessageId, invoice.MessageId);
        (await SearchAsync("39053344705")).Should().Equal(order.MessageId, invoice.MessageId);
        (await SearchAsync("12abc34501de35")).Should().Equal(corporate.MessageId);
        (await SearchAsync("390.533.447-06")).Should().BeEmpty("another document");
        (await SearchAsync(Cpf, new MessageFilter { ConnectionId = "loja-b" })).Should().BeEmpty("the order is loja-a's");

        await using var db = await database.Factory.CreateDbContextAsync();
        db.CustomerDocuments.Select(d => d.DocumentHash).AsEnumerable()
            .Should().NotContain(h => System.Text.Encoding.ASCII.GetString(h).Contains("39053344705"), "only the keyed hash is stored");
        var withoutKey = new MessageQueries(database.Factory);
        (await withoutKey.GetPageAsync(new MessageFilter { Search = Cpf }, MessagePageRequest.First(25), default)).Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task DocumentAndCaseSearches_SeekTheirIndexes()
    {
        await RememberAsync("loja-a", "v100-01", "39053344705");

        var lookupPlan = await QueryPlan.ExplainAsync(database.ConnectionString,
            "SELECT \"ConnectionId\", \"OrderId\" FROM \"CustomerDocuments\" WHERE \"DocumentHash\" = X'00' ORDER BY \"Id\" DESC LIMIT 500");
        lookupPlan.Should().Contain("IX_CustomerDocuments_DocumentHash_ConnectionId_OrderId");

        foreach (var (search, index) in new[] { (Cpf, "IX_Messages_CorrelationId"), ("ref-ab1", "IX_Messages_BusinessKey_Recent"), ("ref-ab1", "IX_Messages_BusinessKey_Settled") })
        {
            var plans = new List<string>();
            foreach (var sql in await queries.DescribeFirstPageAsync(new MessageFilter { Search = search, Situations = [MessageSituation.Processed] }, 25, default))
            {
                plans.Add(await QueryPlan.ExplainAsync(database.ConnectionString, sql));
            }

            plans.Should().Contain(p => p.Contains(index, StringComparison.Ordinal), search);
            plans.Should().OnlyContain(p => !System.Text.RegularExpressions.Regex.IsMatch(p, @"SCAN m\b"), "no branch walks the whole table: " + string.Join(" // ", plans));
        }
    }

    [Theory]
    [InlineData("390.533.447-05", "39053344705")]
    [InlineData(" 39053344705 ", "39053344705")]
    [InlineData("12.345.678/0001-95", "12345678000195")]
    [InlineData("12.abc.345/01de-35", "12ABC34501DE35")]
    [InlineData("3905334470", null)]
    [InlineData("REF-77", null)]
    [InlineData("ABCDEFGHIJKLMN", null)]
    [InlineData("390533447051", null)]
    public void Normalize_KeepsOnlyWhatIsShapedLikeACpfOrCnpj(string text, string? expected) =>
        CustomerDocumentHasher.Normalize(text).Should().Be(expected);

    private static IntegrationMessage Failed(DateTime at, string error)
    {
        var message = TestMessages.New(at, MessageSituation.Failed);
        message.LastError = error;
        return message;
    }

    private async Task RememberAsync(string connection, string orderId, string document)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        db.CustomerDocuments.Add(new CustomerDocument { DocumentHash = hasher.HashOf(document)!, ConnectionId = connection, OrderId = orderId, AddedAtUtc = T0 });
        await db.SaveChangesAsync();
    }

    private async Task<List<Guid>> SearchAsync(string text, MessageFilter? filter = null) =>
        (await queries.GetPageAsync((filter ?? MessageFilter.None) with { Search = text }, MessagePageRequest.First(50), default)).Rows.Select(r => r.MessageId).ToList();
}
