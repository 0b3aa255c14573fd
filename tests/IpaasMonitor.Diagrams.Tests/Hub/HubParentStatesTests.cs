using System.Data.Common;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpaasMonitor.Diagrams.Tests.Hub;

/// <summary><see cref="HubStore.ParentStatesAsync"/> on a real SQLite file built by the real migrations (ADR-012).</summary>
public sealed class HubParentStatesTests : IAsyncLifetime
{
    private const string Connection = "conn-a";
    private readonly CommandCounter commands = new();
    private SqliteTestDatabase database = null!;
    private HubStore hub = null!;

    public async Task InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync(b => b.AddInterceptors(commands));
        hub = new HubStore(database.Factory, TimeProvider.System);
        await using var db = await database.Factory.CreateDbContextAsync();
        db.HubRecords.AddRange(
            Record(HubKinds.Sku, "pending"),
            Record(HubKinds.Sku, "changed", sent: "old"),
            Record(HubKinds.Sku, "in-vtex", sent: "h", vtexId: "77"),
            Record(HubKinds.Sku, "rejected", failed: "h"),
            Record(HubKinds.Sku, "rejected-before", failed: "old"),
            Record(HubKinds.Sku, "waiting", waiting: "h", waitingFor: "produto 5: recusado pela VTEX"),
            Record(HubKinds.Sku, "waiting-before", waiting: "old", waitingFor: "produto 5"),
            Record(HubKinds.Sku, "sent-no-id", sent: "h"),
            Record(HubKinds.Product, "rejected", failed: "h"),
            Record(HubKinds.Sku, "other-connection", failed: "h", connection: "conn-b"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task EveryState_IsReadInOneQuery_AndOnlyForThePairsAsked()
    {
        string[] skus = ["pending", "changed", "in-vtex", "rejected", "rejected-before", "waiting", "waiting-before", "sent-no-id", "missing", "other-connection"];
        var asked = skus.Select(k => new HubKey(HubKinds.Sku, k)).Append(new HubKey(HubKinds.Product, "pending")).ToList();
        commands.Reset();

        var states = await hub.ParentStatesAsync(Connection, asked, CancellationToken.None);

        commands.Count.Should().Be(1, "a page's parents cost one query, whatever their number and kinds");
        states.Should().BeEquivalentTo(new Dictionary<HubKey, HubParentState>
        {
            [new(HubKinds.Sku, "pending")] = new(HubParentStatus.Pending),
            [new(HubKinds.Sku, "changed")] = new(HubParentStatus.Pending),
            [new(HubKinds.Sku, "in-vtex")] = new(HubParentStatus.InVtex),
            [new(HubKinds.Sku, "rejected")] = new(HubParentStatus.Rejected),
            [new(HubKinds.Sku, "rejected-before")] = new(HubParentStatus.Pending),
            [new(HubKinds.Sku, "waiting")] = new(HubParentStatus.Waiting, "produto 5: recusado pela VTEX"),
            [new(HubKinds.Sku, "waiting-before")] = new(HubParentStatus.Pending),
            [new(HubKinds.Sku, "sent-no-id")] = new(HubParentStatus.SentWithoutId),
        }, "a missing SKU, the product 'rejected' (not asked: the IN lists cross kinds and keys) and another connection's record are left out");
    }

    [Fact]
    public async Task NothingAsked_RunsNoQuery()
    {
        commands.Reset();

        (await hub.ParentStatesAsync(Connection, [], CancellationToken.None)).Should().BeEmpty();

        commands.Count.Should().Be(0);
    }

    private static HubRecord Record(string kind, string key, string? sent = null, string? failed = null, string? waiting = null, string? waitingFor = null, string? vtexId = null, string connection = Connection) => new()
    {
        ConnectionId = connection,
        Kind = kind,
        ErpKey = key,
        Content = "{}",
        ContentHash = "h",
        SentHash = sent,
        FailedHash = failed,
        WaitingHash = waiting,
        WaitingFor = waitingFor,
        VtexId = vtexId,
        ErpChangedAtUtc = DateTime.UtcNow,
        UpdatedAtUtc = DateTime.UtcNow,
    };

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int count;

        public int Count => count;

        public void Reset() => Interlocked.Exchange(ref count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
