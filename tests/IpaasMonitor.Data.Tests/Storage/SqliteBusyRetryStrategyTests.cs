using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Data.Tests.Storage;

/// <summary>
/// A writer that loses the race for SQLite's write lock for a whole busy timeout is run again instead of failing its
/// run with "database is locked" (seen in the demo's first pass on a loaded machine). Real SQLite file, real migrations,
/// the app's own configuration; the busy timeout is 1 s here so the test does not wait 30 s.
/// </summary>
public sealed class SqliteBusyRetryStrategyTests : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"ipaasmonitor-busy-{Guid.NewGuid():N}.db");
    private readonly TaskCompletionSource retried = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ServiceProvider provider;

    public SqliteBusyRetryStrategyTests()
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<IpaasDbContext>(b =>
        {
            DataServiceCollectionExtensions.Configure(b, DatabaseProvider.Sqlite, $"Data Source={path};Default Timeout=1");
            b.LogTo(_ => retried.TrySetResult(), [CoreEventId.ExecutionStrategyRetrying]);
        });
        provider = services.BuildServiceProvider();
    }

    [Fact]
    public async Task AWriteRefusedForTheWholeBusyTimeout_IsRunAgainAndLandsOnce()
    {
        var factory = provider.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        // Another writer holds SQLite's write lock (as a long transaction of another diagram does).
        await using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync();
        await using var hold = holder.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE;";
        await hold.ExecuteNonQueryAsync();

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero));
        var write = Task.Run(async () =>
        {
            await using var recorder = new MessageRecorder(factory, time, "loja-a", 6, Guid.NewGuid(), "scheduler", batchSize: 10);
            await recorder.RecordAsync(ItemResult.Ok("UPDATE OK", "POL0070", "{\"produto\":70}"), default);
        });

        // The first attempt gives up after the 1 s busy timeout; the strategy says it retries; then the lock is freed.
        var first = await Task.WhenAny(retried.Task, write, Task.Delay(TimeSpan.FromMinutes(2)));
        first.Should().BeSameAs(retried.Task, "a write refused with SQLITE_BUSY is retried, not failed (it ended: {0})", write.Exception?.GetBaseException().Message);
        hold.CommandText = "ROLLBACK;";
        await hold.ExecuteNonQueryAsync();
        await write;

        await using (var db = await factory.CreateDbContextAsync())
        {
            (await db.Messages.CountAsync(m => m.BusinessKey == "POL0070" && m.Situation == MessageSituation.Processed))
                .Should().Be(1, "the retried transaction wrote its message once");
        }
    }

    [Fact]
    public void OnlyBusyAndLockedAreRetried()
    {
        SqliteBusyRetryStrategy.IsBusy(new SqliteException("database is locked", 5)).Should().BeTrue();
        SqliteBusyRetryStrategy.IsBusy(new SqliteException("database table is locked", 6)).Should().BeTrue();
        SqliteBusyRetryStrategy.IsBusy(new SqliteException("constraint failed", 19)).Should().BeFalse();
        SqliteBusyRetryStrategy.IsBusy(new InvalidOperationException("database is locked")).Should().BeFalse();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
