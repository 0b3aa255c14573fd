using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Diagrams.Tests.Running;

/// <summary>
/// A dead node's leases are taken over as soon as its death is known, its runs end Interrupted and its claimed messages
/// return to Requeued; a live node's are left alone; an exclusive node takes over everything at start (ADR-026).
/// </summary>
public sealed class NodeWatchTests : IAsyncLifetime
{
    private const string Connection = "loja-a";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage jobStorage = new();
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        jobStorage.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task TakingOverADeadNodesLease_EnqueuesOneRunOfThePair()
    {
        await OtherNodeMidRunAsync("node-dead");
        var watch = Watch("node-b", exclusive: false);
        await watch.StartAsync(CancellationToken.None);
        jobStorage.GetMonitoringApi().EnqueuedCount("default").Should().Be(0);

        time.Advance(TimeSpan.FromSeconds(61));
        (await watch.TickAsync(CancellationToken.None)).Leases.Should().Be(1);

        // The dead node's run of 9 stopped part way: one run of the pair takes it over now, not at the pair's next tick.
        var enqueued = jobStorage.GetMonitoringApi().EnqueuedJobs("default", 0, 10);
        enqueued.Should().ContainSingle();
        var job = enqueued[0].Value.Job;
        job.Method.Name.Should().Be(nameof(DiagramRunner.RunAsync));
        job.Args.Take(2).Should().Equal(Connection, 9);
        await using var db = database.Factory.CreateDbContext();
        (await db.Leases.AsNoTracking().SingleAsync(l => l.Diagram == 9)).RunAgain.Should().BeFalse("the follow-up was handed to the job");
    }

    [Fact]
    public async Task Tick_OnceTheOtherNodesHeartbeatIsStale_TakesOverItsLease_InterruptsItsRun_AndRequeuesItsClaims()
    {
        var (dead, run, message) = await OtherNodeMidRunAsync("node-dead");
        var watch = Watch("node-b", exclusive: false);
        await watch.StartAsync(CancellationToken.None);

        (await watch.TickAsync(CancellationToken.None)).Any.Should().BeFalse("node-dead beat 0 s ago: alive");
        time.Advance(TimeSpan.FromSeconds(30));
        (await watch.TickAsync(CancellationToken.None)).Any.Should().BeFalse("30 s without a beat is still within the timeout");
        await StateAsync(run, message, RunStatus.Running, MessageSituation.Processing, leaseHolder: "node-dead");

        time.Advance(TimeSpan.FromSeconds(31));
        var recovery = await watch.TickAsync(CancellationToken.None);

        recovery.Should().Be(new NodeWatch.Recovery(Nodes: 1, Leases: 1, Runs: 1, Messages: 1));
        await StateAsync(run, message, RunStatus.Interrupted, MessageSituation.Requeued, leaseHolder: null);
        await using var db = database.Factory.CreateDbContext();
        var interrupted = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run);
        interrupted.EndedAtUtc.Should().Be(time.GetUtcNow().UtcDateTime, "ended when the death was detected");
        interrupted.Error.Should().Be(NodeWatch.InterruptedError);
        (await db.Nodes.AsNoTracking().Select(n => n.Name).ToListAsync()).Should().Equal("node-b");
        (await Leases("node-c").TryAcquireAsync(Connection, 9, Guid.NewGuid(), CancellationToken.None)).Should().BeTrue("taken over before the lease's own expiry");
        dead.Should().Be("node-dead");
    }

    [Fact]
    public async Task Start_OfAnExclusiveNode_TakesOverEverythingAtOnce_EvenFromAFreshHeartbeat()
    {
        var (_, run, message) = await OtherNodeMidRunAsync("previous-process");
        await using (var db = database.Factory.CreateDbContext())
        {
            // A run of a version before nodes had names, never ended.
            db.Runs.Add(new DiagramRun { Id = Guid.NewGuid(), ConnectionId = Connection, Diagram = 1, StartedAtUtc = time.GetUtcNow().UtcDateTime.AddHours(-2) });
            await db.SaveChangesAsync();
        }

        var recovery = await Watch("restarted", exclusive: true).StartAsync(CancellationToken.None);

        recovery.Should().Be(new NodeWatch.Recovery(Nodes: 1, Leases: 1, Runs: 2, Messages: 1));
        await StateAsync(run, message, RunStatus.Interrupted, MessageSituation.Requeued, leaseHolder: null);
        await using var check = database.Factory.CreateDbContext();
        (await check.Runs.CountAsync(r => r.Status == RunStatus.Running)).Should().Be(0, "nothing is left Running for ever");
    }

    [Fact]
    public async Task Start_OfANonExclusiveNode_LeavesALiveNodesWorkAlone()
    {
        var (_, run, message) = await OtherNodeMidRunAsync("live-node");

        var recovery = await Watch("joining", exclusive: false).StartAsync(CancellationToken.None);

        recovery.Any.Should().BeFalse();
        await StateAsync(run, message, RunStatus.Running, MessageSituation.Processing, leaseHolder: "live-node");
    }

    /// <summary>Another node, alive a moment ago, holding diagram 9's lease for a run and a message it claimed.</summary>
    private async Task<(string Node, Guid Run, long Message)> OtherNodeMidRunAsync(string node)
    {
        var otherWatch = Watch(node, exclusive: false);
        await otherWatch.StartAsync(CancellationToken.None);
        var run = Guid.NewGuid();
        (await Leases(node).TryAcquireAsync(Connection, 9, run, CancellationToken.None)).Should().BeTrue();
        var now = time.GetUtcNow().UtcDateTime;
        var message = TestMessages.New(now.AddMinutes(-5), MessageSituation.Processing, connection: Connection, diagram: 9);
        message.UpdatedAtUtc = now;
        await using var db = database.Factory.CreateDbContext();
        db.Runs.Add(new DiagramRun { Id = run, ConnectionId = Connection, Diagram = 9, StartedAtUtc = now, Node = node });
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return (node, run, message.Id);
    }

    private async Task StateAsync(Guid run, long message, RunStatus status, MessageSituation situation, string? leaseHolder)
    {
        await using var db = database.Factory.CreateDbContext();
        (await db.Runs.AsNoTracking().Where(r => r.Id == run).Select(r => r.Status).SingleAsync()).Should().Be(status);
        (await db.Messages.AsNoTracking().Where(m => m.Id == message).Select(m => m.Situation).SingleAsync()).Should().Be(situation);
        (await db.Leases.AsNoTracking().Where(l => l.Diagram == 9).Select(l => l.HolderNode).SingleAsync()).Should().Be(leaseHolder);
    }

    // Leases last five minutes here, so "taken over" is never "expired meanwhile"; a node is dead after 60 s.
    private static IOptions<NodeOptions> Settings(string node, bool exclusive) => Options.Create(new NodeOptions { Name = node, Exclusive = exclusive, LeaseDuration = TimeSpan.FromMinutes(5) });

    private DiagramLeases Leases(string node)
    {
        var options = Settings(node, exclusive: false);
        return new DiagramLeases(database.Factory, time, new NodeIdentity(options), options);
    }

    private NodeWatch Watch(string node, bool exclusive)
    {
        var options = Settings(node, exclusive);
        var identity = new NodeIdentity(options);
        return new NodeWatch(database.Factory, new DiagramLeases(database.Factory, time, identity, options, new BackgroundJobClient(jobStorage)), identity, options, time, NullLogger<NodeWatch>.Instance);
    }
}
