using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Hub;

/// <summary>
/// How far each (connection, diagram) has read the ERP. Reads start a few minutes before the watermark
/// (overlap) so records committed late in the ERP with an earlier change date are not missed; the content
/// hash makes the re-read records no-ops. A watermark never moves past the now of the run that read it (ADR-016):
/// a record dated in the future must not make later runs ask the ERP for changes after that date.
/// </summary>
public sealed class WatermarkStore(IDbContextFactory<IpaasDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>The first read of a connection starts here (a full load).</summary>
    public static readonly DateTime Beginning = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The change window to ask the ERP for: (watermark − overlap, now].</summary>
    public async Task<(DateTime FromUtc, DateTime ToUtc)> WindowAsync(string connectionId, int diagram, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mark = await db.Watermarks.AsNoTracking()
            .Where(w => w.ConnectionId == connectionId && w.Diagram == diagram)
            .Select(w => (DateTime?)w.ValueUtc)
            .SingleOrDefaultAsync(cancellationToken);
        var from = mark is null ? Beginning : mark.Value - Overlap;
        return (from, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// One incremental read: <paramref name="read"/> gets the window since the watermark and returns the newest change
    /// it read, to which the watermark then moves (at most to the window's end, the run's now); null (nothing read, or a
    /// part of the window to read again) leaves it.
    /// </summary>
    public async Task ReadSinceAsync(string connectionId, int diagram, Func<DateTime, DateTime, Task<DateTime?>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (from, to) = await WindowAsync(connectionId, diagram, cancellationToken);
        if (await read(from, to) is { } newest)
        {
            await AdvanceAsync(connectionId, diagram, newest > to ? to : newest, cancellationToken);
        }
    }

    /// <summary>Moves the watermark forward (never back, never past now) to the newest change date read.</summary>
    public Task AdvanceAsync(string connectionId, int diagram, DateTime newestChangeUtc, CancellationToken cancellationToken) =>
        StateWrites.RunAsync(dbFactory, (db, ct) => AdvanceInAsync(db, connectionId, diagram, newestChangeUtc, ct), cancellationToken);

    private async Task AdvanceInAsync(IpaasDbContext db, string connectionId, int diagram, DateTime newestChangeUtc, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (newestChangeUtc > now)
        {
            newestChangeUtc = now;
        }

        var mark = await db.Watermarks.SingleOrDefaultAsync(w => w.ConnectionId == connectionId && w.Diagram == diagram, cancellationToken);
        if (mark is null)
        {
            db.Watermarks.Add(new Watermark { ConnectionId = connectionId, Diagram = diagram, ValueUtc = newestChangeUtc, UpdatedAtUtc = now });
        }
        else if (newestChangeUtc > mark.ValueUtc)
        {
            mark.ValueUtc = newestChangeUtc;
            mark.UpdatedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
