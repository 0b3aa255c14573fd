using Hangfire;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// One run at a time per (connection, diagram), across workers and nodes (ADR-006, ADR-026): the lease row is claimed
/// with a conditional update, so only one claimant can win; it names its holder (node and run), is renewed every
/// <see cref="NodeOptions.LeaseRenewal"/> while the run lives and expires <see cref="NodeOptions.LeaseDuration"/> after
/// the last renewal, and <see cref="NodeWatch"/> frees the leases of a dead node as soon as its death is known.
/// A chained run that finds the lease held asks the holder to run the pair once more (<see cref="RequestRunAgainAsync"/>):
/// the release enqueues that one follow-up, however many asked.
/// </summary>
public sealed class DiagramLeases(
    IDbContextFactory<IpaasDbContext> dbFactory,
    TimeProvider time,
    NodeIdentity node,
    IOptions<NodeOptions> options,
    IBackgroundJobClient? jobs = null)
{
    public TimeSpan Duration => options.Value.LeaseDuration;

    /// <summary>This node's name, written on every lease it takes.</summary>
    public string Node => node.Name;

    public async Task<bool> TryAcquireAsync(string connectionId, int diagram, Guid holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + Duration;
        var self = node.Name;
        var claimed = await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && (l.HolderRunId == null || l.ExpiresAtUtc < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.HolderRunId, holder).SetProperty(l => l.HolderNode, self).SetProperty(l => l.ExpiresAtUtc, expires),
                cancellationToken);
        if (claimed == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.ConnectionId == connectionId && l.Diagram == diagram, cancellationToken))
        {
            return false;
        }

        // First run of this pair: create the row already held. A concurrent creator loses on the primary key.
        db.Leases.Add(new DiagramLease { ConnectionId = connectionId, Diagram = diagram, HolderRunId = holder, HolderNode = self, ExpiresAtUtc = expires });
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

    /// <summary>Pushes the expiry back; false when <paramref name="holder"/> no longer holds the lease.</summary>
    public async Task<bool> RenewAsync(string connectionId, int diagram, Guid holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expires = time.GetUtcNow().UtcDateTime + Duration;
        return await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && l.HolderRunId == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, expires), cancellationToken) == 1;
    }

    /// <summary>Renews the lease every <see cref="NodeOptions.LeaseRenewal"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task KeepRenewedAsync(string connectionId, int diagram, Guid holder, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.LeaseRenewal, time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await RenewAsync(connectionId, diagram, holder, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The holder is done: stop renewing.
        }
    }

    /// <summary>
    /// Frees the lease if <paramref name="holder"/> holds it; then, if a chained run asked for the pair meanwhile and the
    /// lease is still free, enqueues that one chained run. True when the lease was released.
    /// </summary>
    public async Task<bool> ReleaseAsync(string connectionId, int diagram, Guid holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var released = await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && l.HolderRunId == holder)
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.HolderRunId, (Guid?)null).SetProperty(l => l.HolderNode, (string?)null).SetProperty(l => l.ExpiresAtUtc, now),
                cancellationToken) == 1;

        // Cleared only while free: if another run took the lease meanwhile, its release hands the follow-up on.
        var followUp = jobs is not null && await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && l.RunAgain && l.HolderRunId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunAgain, false), cancellationToken) == 1;
        if (followUp)
        {
            jobs!.Enqueue<DiagramRunner>(JobQueues.Of(diagram), r => r.RunAsync(connectionId, diagram, Orders.OrderFlow.ChainTrigger, CancellationToken.None));
        }

        return released;
    }

    /// <summary>
    /// Asks the current holder to run the pair once more when it releases the lease (coalesced: one follow-up however
    /// many ask). False when the lease is not held (any more): the caller can take it itself.
    /// </summary>
    public async Task<bool> RequestRunAgainAsync(string connectionId, int diagram, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Leases
            .Where(l => l.ConnectionId == connectionId && l.Diagram == diagram && l.HolderRunId != null && l.ExpiresAtUtc >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunAgain, true), cancellationToken) == 1;
    }
}
