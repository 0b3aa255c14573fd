using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Data.Tests.Monitoring;

/// <summary>
/// The attention view's count comes from the hourly counters (ADR-017 amendment 2), not from the message table, and is
/// the number of rows the attention view lists: unresolved failures and stuck work, run summaries out unless asked for.
/// </summary>
public sealed class UnresolvedFailuresTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 13, 30, 0, TimeSpan.Zero));
    private readonly InMemoryStorage hangfire = new();
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        hangfire.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task TheAttentionCount_EqualsTheRowsTheViewLists_WithOrWithoutRunSummaries()
    {
        await RecordAsync("loja-a", 14, ok: 3, failed: 4, runFailed: true);
        time.Advance(TimeSpan.FromHours(2));
        await RecordAsync("loja-b", 24, ok: 2, failed: 2, runFailed: false);
        await RecordAsync("loja-a", 14, ok: 1, failed: 0, runFailed: true);
        var queries = new MessageQueries(database.Factory);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var oneFailure = await db.Messages.Where(m => m.LastError == "SKU não encontrado").Select(m => m.MessageId).FirstAsync();
            (await new MessageActions(database.Factory, new BackgroundJobClient(hangfire), time).RequeueAsync([oneFailure], "operador", null, default)).Should().Be(1);
        }

        foreach (var connection in new[] { null, "loja-a", "loja-b" })
        {
            foreach (var summaries in new[] { false, true })
            {
                var listed = new MessageFilter { ConnectionId = connection, Situations = UnresolvedFailures.NeedingAttention, HideRunSummaries = !summaries };
                var expected = await queries.CountAsync(listed, 1_000, default);
                (await queries.CountNeedingAttentionAsync(connection, summaries, default)).Should().Be(expected, $"connection {connection}, summaries {summaries}");
            }
        }

        (await queries.CountNeedingAttentionAsync(null, includeRunSummaries: false, default)).Value.Should().Be(6, "4 + 2 failures, one of them re-queued, no run summary");
        (await queries.CountNeedingAttentionAsync("loja-a", includeRunSummaries: true, default)).Value.Should().Be(6, "4 failures and two failed runs");

        // Read from the counters: with the message table emptied, the count with summaries stays as it was.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Attempts.ExecuteDeleteAsync();
            await db.Payloads.ExecuteDeleteAsync();
            await db.Messages.ExecuteDeleteAsync();
        }

        (await queries.CountNeedingAttentionAsync(null, includeRunSummaries: true, default)).Value.Should().Be(8);
    }

    private async Task RecordAsync(string connection, int diagram, int ok, int failed, bool runFailed)
    {
        await using var recorder = new MessageRecorder(database.Factory, time, connection, diagram, Guid.NewGuid(), "scheduler", batchSize: 7);
        for (var i = 0; i < ok + failed; i++)
        {
            await recorder.RecordAsync(i < ok ? ItemResult.Ok("UPDATE OK", $"SKU-{i}", "{}") : ItemResult.Fail("UPDATE SKU", $"SKU-{i}", "{}", "SKU não encontrado"), default);
        }

        await recorder.RecordAsync(runFailed
            ? ItemResult.Fail(DiagramRunner.CountComponent, DiagramRunner.RunKey, "{}", "A execução falhou: ERP fora do ar")
            : ItemResult.Ok(DiagramRunner.CountComponent, DiagramRunner.RunKey, "{}"), default);
        await recorder.FlushAsync(default);
    }
}
