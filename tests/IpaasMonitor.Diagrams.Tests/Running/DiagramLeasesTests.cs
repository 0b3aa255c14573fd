using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Diagrams.Tests.Running;

/// <summary>Leases name their holder, expire fast unless renewed, and coalesce the chained runs that find them held (ADR-026).</summary>
public sealed class DiagramLeasesTests : IAsyncLifetime
{
    private const string Connection = "loja-a";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage jobStorage = new();
    private readonly NodeOptions settings = new() { Name = "node-a", LeaseDuration = TimeSpan.FromSeconds(60), LeaseRenewal = TimeSpan.FromSeconds(15) };
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        jobStorage.Dispose();
    }

    [Fact]
    public async Task TryAcquire_WritesTheHolderNodeAndRun_AndTheLeaseExpiresAfterTheShortDuration()
    {
        var leases = Leases("node-a");
        var run = Guid.NewGuid();

        (await leases.TryAcquireAsync(Connection, 9, run, CancellationToken.None)).Should().BeTrue();

        var lease = await database.Factory.CreateDbContext().Leases.AsNoTracking().SingleAsync();
        (lease.HolderNode, lease.HolderRunId, lease.ExpiresAtUtc).Should().Be(("node-a", run, time.GetUtcNow().UtcDateTime.AddSeconds(60)));
        (await Leases("node-b").TryAcquireAsync(Connection, 9, Guid.NewGuid(), CancellationToken.None)).Should().BeFalse("it is held");

        time.Advance(TimeSpan.FromSeconds(61));
        var taker = Guid.NewGuid();
        (await Leases("node-b").TryAcquireAsync(Connection, 9, taker, CancellationToken.None)).Should().BeTrue("a minute without renewal and it is free");
        var taken = await database.Factory.CreateDbContext().Leases.AsNoTracking().SingleAsync();
        (taken.HolderNode, taken.HolderRunId).Should().Be(("node-b", taker));
        (await leases.RenewAsync(Connection, 9, run, CancellationToken.None)).Should().BeFalse("the first holder lost it");
    }

    [Fact]
    public async Task KeepRenewed_RenewsEveryFewSeconds_SoALongRunKeepsItsLease()
    {
        var leases = Leases("node-a");
        var run = Guid.NewGuid();
        await leases.TryAcquireAsync(Connection, 9, run, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var renewal = leases.KeepRenewedAsync(Connection, 9, run, stop.Token);

        for (var i = 0; i < 12; i++)
        {
            // Three minutes, a tick every 15 s; each renewal is awaited before time moves on.
            time.Advance(TimeSpan.FromSeconds(15));
            var expected = time.GetUtcNow().UtcDateTime.AddSeconds(60);
            await WaitForAsync(async () => (await database.Factory.CreateDbContext().Leases.AsNoTracking().SingleAsync()).ExpiresAtUtc == expected);
        }

        (await Leases("node-b").TryAcquireAsync(Connection, 9, Guid.NewGuid(), CancellationToken.None)).Should().BeFalse("renewed all along");
        await stop.CancelAsync();
        await renewal;
    }

    [Fact]
    public async Task ChainedRequests_WhileHeld_AreCoalescedIntoOneFollowUp_EnqueuedAtRelease()
    {
        var leases = Leases("node-a");
        var run = Guid.NewGuid();
        await leases.TryAcquireAsync(Connection, 25, run, CancellationToken.None);

        var asked = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => leases.RequestRunAgainAsync(Connection, 25, CancellationToken.None)));

        asked.Should().OnlyContain(a => a, "the lease is held: the holder will run again");
        Enqueued().Should().Be(0, "nothing runs while the holder runs");
        (await leases.ReleaseAsync(Connection, 25, run, CancellationToken.None)).Should().BeTrue();
        Enqueued().Should().Be(1, "five requests, one follow-up");
        jobStorage.GetMonitoringApi().EnqueuedCount(DiagramDefinition.DefaultQueue).Should().Be(0, "25's follow-up runs on the orders' workers");
        (await leases.ReleaseAsync(Connection, 25, run, CancellationToken.None)).Should().BeFalse();
        Enqueued().Should().Be(1, "the request was consumed");
        (await leases.RequestRunAgainAsync(Connection, 25, CancellationToken.None)).Should().BeFalse("a free lease is not held: the caller takes it itself");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the renewal should have happened");
            await Task.Delay(10);
        }
    }

    private long Enqueued() => jobStorage.GetMonitoringApi().EnqueuedCount(DiagramDefinition.OrdersQueue);

    private DiagramLeases Leases(string node)
    {
        var options = Options.Create(new NodeOptions { Name = node, LeaseDuration = settings.LeaseDuration, LeaseRenewal = settings.LeaseRenewal });
        return new DiagramLeases(database.Factory, time, new NodeIdentity(options), options, new BackgroundJobClient(jobStorage));
    }
}
