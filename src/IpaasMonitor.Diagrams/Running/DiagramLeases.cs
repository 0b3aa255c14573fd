using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// One run at a time per (connection, diagram), across workers and nodes: the lease row is claimed with a
/// conditional update, so only one claimant can win; it expires so a crashed holder cannot block forever.
/// </summary>
public sealed class DiagramLeases(IDbContextFactory<IpaasDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    public async Task<bool> TryAcquireAsync(string connectionId, int diagram, Guid holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + Duration;
        var claimed = await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && (l.HolderRunId == null || l.ExpiresAtUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HolderRunId, holder).SetProperty(l => l.ExpiresAtUtc, expires), cancellationToken);
        if (claimed == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.ConnectionId == connectionId && l.Diagram == diagram, cancellationToken))
        {
            return false;
        }

        // First run of this pair: create the row already held. A concurrent creator loses on the primary key.
        db.Leases.Add(new DiagramLease { ConnectionId = connectionId, Diagram = diagram, HolderRunId = holder, ExpiresAtUtc = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (DbExceptions.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    public async Task RenewAsync(string connectionId, int diagram, Guid holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expires = time.GetUtcNow().UtcDateTime + Duration;
        await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && l.HolderRunId == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, expires), cancellationToken);
    }

    public async Task ReleaseAsync(string connectionId, int diagram, Guid holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && l.HolderRunId == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HolderRunId, (Guid?)null), cancellationToken);
    }
}
