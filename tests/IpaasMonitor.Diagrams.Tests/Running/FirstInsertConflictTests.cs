using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Tests.Running;

/// <summary>
/// The two stores that insert a row someone else may insert first (<see cref="DiagramLeases"/>, <see cref="OrderStore"/>),
/// on a real SQLite file built by the real migrations. The race is made for real: just before the store's own insert,
/// a second context inserts the same key. Any other failure of that insert (here: the connection made read-only) is an
/// error, not "someone else got there first".
/// </summary>
public sealed class FirstInsertConflictTests : IAsyncLifetime
{
    private const string Connection = "conn-a";
    private const int SqliteReadOnly = 8;
    private readonly string path = Path.Combine(Path.GetTempPath(), $"ipaasmonitor-conflicts-{Guid.NewGuid():N}.db");
    private readonly BeforeFirstSave beforeSave = new();
    private ServiceProvider provider = null!;
    private IDbContextFactory<IpaasDbContext> factory = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<IpaasDbContext>(b =>
        {
            DataServiceCollectionExtensions.Configure(b, DatabaseProvider.Sqlite, $"Data Source={path}");
            b.AddInterceptors(beforeSave);
        });
        provider = services.BuildServiceProvider();
        factory = provider.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Lease_CreatedByAnotherRunMeanwhile_IsNotAcquired()
    {
        var rival = Guid.NewGuid();
        beforeSave.Run(async (_, ct) =>
        {
            await using var other = await factory.CreateDbContextAsync(ct);
            other.Leases.Add(new DiagramLease { ConnectionId = Connection, Diagram = 1, HolderRunId = rival, ExpiresAtUtc = DateTime.UtcNow.AddMinutes(5) });
            await other.SaveChangesAsync(ct);
        });

        var acquired = await new DiagramLeases(factory, TimeProvider.System, new NodeIdentity(Options.Create(new NodeOptions())), Options.Create(new NodeOptions())).TryAcquireAsync(Connection, 1, Guid.NewGuid(), CancellationToken.None);

        acquired.Should().BeFalse("the other run created the lease row first and holds it");
        beforeSave.HasRun.Should().BeTrue();
        await using var db = await factory.CreateDbContextAsync();
        (await db.Leases.SingleAsync()).HolderRunId.Should().Be(rival);
    }

    [Fact]
    public async Task Lease_WhoseInsertFailsForAnotherReason_Throws()
    {
        beforeSave.Run(MakeReadOnlyAsync);

        var acquire = () => new DiagramLeases(factory, TimeProvider.System, new NodeIdentity(Options.Create(new NodeOptions())), Options.Create(new NodeOptions())).TryAcquireAsync(Connection, 1, Guid.NewGuid(), CancellationToken.None);

        (await acquire.Should().ThrowAsync<DbUpdateException>("a database that cannot write must not read as 'already running'"))
            .WithInnerException<SqliteException>().Which.SqliteErrorCode.Should().Be(SqliteReadOnly);
        beforeSave.HasRun.Should().BeTrue();
    }

    [Fact]
    public async Task Order_AddedByAnotherReaderMeanwhile_IsADuplicate()
    {
        beforeSave.Run(async (_, ct) =>
        {
            await using var other = await factory.CreateDbContextAsync(ct);
            other.HubOrders.Add(new HubOrder { ConnectionId = Connection, OrderId = "1001-01", Stage = OrderStage.Received, VtexStatus = "ready-for-handling" });
            await other.SaveChangesAsync(ct);
        });

        var added = await new OrderStore(factory, TimeProvider.System).TryAddReceivedAsync(Connection, "1001-01", "payment-approved", "handle-1", CancellationToken.None);

        added.Should().BeFalse("the other reader registered the order first");
        beforeSave.HasRun.Should().BeTrue();
        await using var db = await factory.CreateDbContextAsync();
        (await db.HubOrders.SingleAsync()).VtexStatus.Should().Be("ready-for-handling", "the first reader's row stays as it wrote it");
    }

    [Fact]
    public async Task Order_WhoseInsertFailsForAnotherReason_Throws()
    {
        beforeSave.Run(MakeReadOnlyAsync);

        var add = () => new OrderStore(factory, TimeProvider.System).TryAddReceivedAsync(Connection, "1001-01", "payment-approved", "handle-1", CancellationToken.None);

        (await add.Should().ThrowAsync<DbUpdateException>("a database that cannot write must not read as 'a duplicate feed event'"))
            .WithInnerException<SqliteException>().Which.SqliteErrorCode.Should().Be(SqliteReadOnly);
        beforeSave.HasRun.Should().BeTrue();
    }

    // The context's own connection stops accepting writes (SQLITE_READONLY): a real failure that is no key conflict.
    private static async Task MakeReadOnlyAsync(DbContext context, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        await context.Database.ExecuteSqlRawAsync("PRAGMA query_only = ON", cancellationToken);
    }

    /// <summary>Runs an action once, just before the next SaveChanges of any context of the factory.</summary>
    private sealed class BeforeFirstSave : SaveChangesInterceptor
    {
        private Func<DbContext, CancellationToken, Task>? action;

        public bool HasRun { get; private set; }

        public void Run(Func<DbContext, CancellationToken, Task> next) => action = next;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref action, null) is { } run && eventData.Context is { } context)
            {
                await run(context, cancellationToken);
                HasRun = true;
            }

            return result;
        }
    }
}
