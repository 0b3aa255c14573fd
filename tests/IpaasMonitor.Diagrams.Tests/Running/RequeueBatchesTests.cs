using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Diagrams.Tests.Running;

/// <summary>
/// Every node runs a bulk re-queue processor; a step runs under a store-wide lease, so one node at a time collects a batch
/// and moves its items (ADR-026; the kill -9 soak of issue #16 saw a batch collected twice and re-queued messages counted
/// as skipped by the other node).
/// </summary>
public sealed class RequeueBatchesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage hangfire = new();
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        hangfire.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Step_WhileAnotherNodeHoldsTheStepLease_LeavesTheBatchAlone_AndWorksThroughItOnceTheLeaseIsFree()
    {
        await using (var recorder = new MessageRecorder(database.Factory, time, "loja-a", 14, Guid.NewGuid(), "scheduler"))
        {
            await recorder.RecordAsync(ItemResult.Fail("UPDATE SKU", "SKU-1", "{}", "SKU não encontrado"), default);
            await recorder.RecordAsync(ItemResult.Fail("UPDATE SKU", "SKU-2", "{}", "SKU não encontrado"), default);
            await recorder.FlushAsync(default);
        }

        var nodeA = Batches("node-a");
        var batchId = await nodeA.StartFilterAsync(MessageFilter.None, "operador", "todas as falhas", default);
        var nodeB = Leases("node-b");
        var holder = Guid.NewGuid();
        (await nodeB.TryAcquireAsync(RequeueBatches.StepLease, 0, holder, default)).Should().BeTrue();

        (await nodeA.StepAsync(default)).Should().BeFalse("node-b is stepping the batches");
        var waiting = await nodeA.ProgressAsync(batchId, default);
        waiting!.Collected.Should().BeFalse("collected by the lease holder only");
        waiting.Total.Should().Be(0);

        await nodeB.ReleaseAsync(RequeueBatches.StepLease, 0, holder, default);
        (await nodeA.StepAsync(default)).Should().BeTrue("collects");
        (await nodeA.StepAsync(default)).Should().BeTrue("re-queues");

        var progress = await nodeA.ProgressAsync(batchId, default);
        progress!.InFlight.Should().Be(2);
        progress.Skipped.Should().Be(0);
        await using var db = await database.Factory.CreateDbContextAsync();
        (await db.Messages.CountAsync(m => m.Situation == MessageSituation.Requeued)).Should().Be(2);
        (await db.Leases.AsNoTracking().SingleAsync(l => l.ConnectionId == RequeueBatches.StepLease)).HolderRunId.Should().BeNull("released after each step");
    }

    private RequeueBatches Batches(string node) =>
        new(database.Factory, new MessageActions(database.Factory, new BackgroundJobClient(hangfire), time), new MessageQueries(database.Factory),
            new StaticOptions<RequeueOptions>(new RequeueOptions()), time, Leases(node));

    private DiagramLeases Leases(string node)
    {
        var options = Options.Create(new NodeOptions { Name = node });
        return new DiagramLeases(database.Factory, time, new NodeIdentity(options), options, new BackgroundJobClient(hangfire));
    }

    private sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
