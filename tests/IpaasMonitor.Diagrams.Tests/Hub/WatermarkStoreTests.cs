using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Diagrams.Tests.Hub;

/// <summary><see cref="WatermarkStore"/> on a real SQLite file: a watermark never passes the run's now (ADR-016).</summary>
public sealed class WatermarkStoreTests : IAsyncLifetime
{
    private const string Connection = "conn-a";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private SqliteTestDatabase database = null!;
    private WatermarkStore store = null!;

    public async Task InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        store = new WatermarkStore(database.Factory, clock);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task ANewestChangeInTheFuture_MovesTheWatermarkOnlyToTheWindowsEnd()
    {
        DateTime? windowEnd = null;
        await store.ReadSinceAsync(Connection, 1, (_, to) =>
        {
            windowEnd = to;
            clock.Advance(TimeSpan.FromSeconds(30)); // the read takes a while
            return Task.FromResult<DateTime?>(new DateTime(2999, 1, 1, 3, 0, 0, DateTimeKind.Utc));
        }, CancellationToken.None);

        (await ValueAsync(1)).Should().Be(windowEnd).And.Be(Now.UtcDateTime);
    }

    [Fact]
    public async Task AdvanceAsync_NeverPassesNow()
    {
        await store.AdvanceAsync(Connection, 3, new DateTime(2999, 1, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        (await ValueAsync(3)).Should().Be(Now.UtcDateTime);
    }

    [Fact]
    public async Task APastNewestChange_IsKeptAsItIs()
    {
        var changed = Now.UtcDateTime.AddHours(-2);
        await store.ReadSinceAsync(Connection, 5, (_, _) => Task.FromResult<DateTime?>(changed), CancellationToken.None);

        (await ValueAsync(5)).Should().Be(changed);
    }

    private async Task<DateTime?> ValueAsync(int diagram)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Watermarks.Where(w => w.ConnectionId == Connection && w.Diagram == diagram).Select(w => (DateTime?)w.ValueUtc).SingleOrDefaultAsync();
    }
}
