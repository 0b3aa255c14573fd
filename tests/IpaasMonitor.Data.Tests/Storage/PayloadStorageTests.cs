using System.Text;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Tests.Storage;

public sealed class PayloadStorageTests
{
    private static readonly DateTime T0 = new(2024, 3, 7, 21, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("")]
    [InlineData("{\"RefId\":\"SKU-1\"}")]
    [InlineData("ação, café e pão — 日本")]
    public void Decode_ReturnsTheText_ForEveryStoredForm(string text)
    {
        PayloadCodec.Decode(PayloadCodec.Encode(text)).Should().Be(text);
        PayloadCodec.Decode(Encoding.UTF8.GetBytes(text)).Should().Be(text, "rows written as text before the change read as UTF-8");
        PayloadCodec.Decode([0x02, .. Encoding.Unicode.GetBytes(text)]).Should().Be(text, "rows converted by the pre-release SQL Server migration are UTF-16");
    }

    [Fact]
    public void Encode_CompressesLongPayloads_AndKeepsShortOnesRaw()
    {
        var json = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 200).Select(i => $"{{\"refId\":\"SKU{i:D6}\",\"quantity\":{i % 7}}}")) + "]}";

        var stored = PayloadCodec.Encode(json);

        stored[0].Should().Be(0x01);
        stored.Length.Should().BeLessThan(json.Length / 4);
        PayloadCodec.Decode(stored).Should().Be(json);
        PayloadCodec.Encode("{}")[0].Should().Be(0x00);
    }

    [Fact]
    public async Task MessageRecorder_WritesRowsTheQueriesRead_ThroughThePreparedSqliteBatch()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var runId = Guid.NewGuid();
        var big = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"{{\"n\":{i}}}")) + "]}";
        await using (var recorder = new MessageRecorder(database.Factory, TimeProvider.System, "loja-a", 14, runId, "scheduler", batchSize: 2))
        {
            await recorder.RecordAsync(ItemResult.Ok("UPDATE OK", "SKU-1", big, correlationId: "ORDER-9"), default);
            await recorder.RecordAsync(ItemResult.Fail("PUT VTEX", "SKU-2", "{}", "VTEX 429", "{\"error\":\"429\"}"), default);
            await recorder.RecordAsync(ItemResult.Ok("UPDATE OK", "SKU-3", null), default);
        }

        var queries = new MessageQueries(database.Factory);
        var page = await queries.GetPageAsync(MessageFilter.None, MessagePageRequest.First(10), default);
        page.Rows.Select(r => r.BusinessKey).Should().Equal("SKU-3", "SKU-2", "SKU-1");
        var first = await queries.GetDetailAsync(page.Rows[2].MessageId, default);
        first!.Payload.Should().Be(big);
        first.RunId.Should().Be(runId);
        first.Header.CorrelationId.Should().Be("ORDER-9");
        first.Header.ReceivedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
        first.Attempts.Should().ContainSingle().Which.TriggeredBy.Should().Be("scheduler");
        var failed = await queries.GetDetailAsync(page.Rows[1].MessageId, default);
        failed!.Header.Situation.Should().Be(MessageSituation.Failed);
        failed.RemoteResponse.Should().Be("{\"error\":\"429\"}");
        failed.Attempts.Should().ContainSingle().Which.Error.Should().Be("VTEX 429");
        (await queries.GetPageAsync(new MessageFilter { Search = page.Rows[0].MessageId.ToString() }, MessagePageRequest.First(10), default))
            .Rows.Should().ContainSingle("the id is stored as the model stores Guids");
    }

    [Fact]
    public async Task MessageRecorder_WritesFullBatchesInTheBackground_InOrder_AndLosesNoneOnDispose()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using (var recorder = new MessageRecorder(database.Factory, TimeProvider.System, "loja-a", 14, Guid.NewGuid(), "scheduler", batchSize: 3))
        {
            for (var i = 0; i < 10; i++)
            {
                await recorder.RecordAsync(ItemResult.Ok("UPDATE OK", $"SKU-{i}", "{}"), default);
            }
        }

        await using var db = await database.Factory.CreateDbContextAsync();
        (await db.Messages.OrderBy(m => m.Id).Select(m => m.BusinessKey).ToListAsync())
            .Should().Equal(Enumerable.Range(0, 10).Select(i => $"SKU-{i}"), "ids follow the order the results were recorded in");
    }

    [Fact]
    public async Task MessageRecorder_SurfacesAFailedBackgroundWrite_InsteadOfDroppingIt()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"MessageAttempts\"");
        }

        var recorder = new MessageRecorder(database.Factory, TimeProvider.System, "loja-a", 14, Guid.NewGuid(), "scheduler", batchSize: 2);
        var record = async () =>
        {
            for (var i = 0; i < 6; i++)
            {
                await recorder.RecordAsync(ItemResult.Ok("UPDATE OK", $"SKU-{i}", "{}"), default);
            }

            await recorder.DisposeAsync();
        };

        (await record.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("MessageAttempts");
    }

    [Fact]
    public async Task GetDetailAsync_ReadsACompressedPayloadAndItsRemoteResponse()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var big = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"{{\"n\":{i}}}")) + "]}";
        var fresh = TestMessages.New(T0.AddMinutes(1), payload: big);
        fresh.Payload!.RemoteResponse = "{\"error\":\"404\"}";
        await database.InsertAsync(fresh);
        var queries = new MessageQueries(database.Factory);

        var after = await queries.GetDetailAsync(fresh.MessageId, default);

        after!.Payload.Should().Be(big);
        after.RemoteResponse.Should().Be("{\"error\":\"404\"}");
        (await queries.GetPayloadAsync(fresh.MessageId, default))!.Value.Content.Should().Be(big);
    }
}
