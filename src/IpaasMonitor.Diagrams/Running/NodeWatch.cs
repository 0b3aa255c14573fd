using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The nodes of a store watch each other (ADR-026). Each writes its heartbeat row at start and every
/// <see cref="NodeOptions.HeartbeatInterval"/>; each beat also looks for dead nodes (no heartbeat for
/// <see cref="NodeOptions.NodeTimeout"/>; at the start of an exclusive node, every other node) and cleans up after them:
/// their leases are freed at once (a waiting run takes them without waiting for the expiry), their runs still Running
/// end as <see cref="RunStatus.Interrupted"/> with the time of detection, and the messages they left Processing go back
/// to Requeued. Every step is a conditional update, so several nodes doing it at once do it once.
/// </summary>
public sealed class NodeWatch(
    IDbContextFactory<IpaasDbContext> dbFactory,
    DiagramLeases leases,
    NodeIdentity node,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<NodeWatch> logger)
{
    /// <summary>Error stored on a run whose node died.</summary>
    public const string InterruptedError = "Interrompida: o nó que a executava parou antes do fim";

    /// <summary>What one look for dead nodes did.</summary>
    public sealed record Recovery(int Nodes, int Leases, int Runs, int Messages)
    {
        public bool Any => Nodes + Leases + Runs + Messages > 0;
    }

    /// <summary>At start: writes this node's row and takes over what dead predecessors left (all others, if exclusive).</summary>
    public async Task<Recovery> StartAsync(CancellationToken cancellationToken)
    {
        await BeatAsync(started: true, cancellationToken);
        return await RecoverAsync(atStart: true, cancellationToken);
    }

    /// <summary>One heartbeat and one look for dead nodes.</summary>
    public async Task<Recovery> TickAsync(CancellationToken cancellationToken)
    {
        await BeatAsync(started: false, cancellationToken);
        return await RecoverAsync(atStart: false, cancellationToken);
    }

    /// <summary>Beats until <paramref name="cancellationToken"/> is cancelled; a failed beat is logged and the next one tried.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await TickAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Node {Node}: heartbeat failed; trying again in {Interval}", node.Name, options.Value.HeartbeatInterval);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The process is stopping.
        }
    }

    /// <summary>On a clean stop: the row goes, so nobody waits for this node's heartbeat to age.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var self = node.Name;
        await db.Nodes.Where(n => n.Name == self).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task BeatAsync(bool started, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var self = node.Name;
        var seen = await db.Nodes.Where(n => n.Name == self).ExecuteUpdateAsync(s => s.SetProperty(n => n.LastSeenAtUtc, now), cancellationToken);
        if (seen == 1)
        {
            return;
        }

        // First beat, or another node took this one for dead (a long stall) and removed it: it is alive again.
        db.Nodes.Add(new NodeHeartbeat { Name = self, StartedAtUtc = now, LastSeenAtUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbExceptions.IsUniqueViolation(ex))
        {
            logger.LogDebug("Node {Node}: heartbeat row created concurrently", self);
        }

        if (!started)
        {
            logger.LogWarning("Node {Node}: its heartbeat row was gone (taken for dead after a stall); written again", self);
        }
    }

    private async Task<Recovery> RecoverAsync(bool atStart, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var staleBefore = now - settings.NodeTimeout;
        var self = node.Name;
        var takeAll = atStart && settings.Exclusive;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var deadNodes = await db.Nodes.AsNoTracking()
            .Where(n => n.Name != self && (takeAll || n.LastSeenAtUtc < staleBefore))
            .Select(n => n.Name)
            .ToListAsync(cancellationToken);

        // Leases held by a node that is dead or gone (no fresh heartbeat row); at an exclusive start, by anyone else.
        var held = await db.Leases.AsNoTracking()
            .Where(l => l.HolderRunId != null
                && (takeAll
                    ? l.HolderNode == null || l.HolderNode != self
                    : l.HolderNode != null && l.HolderNode != self && !db.Nodes.Any(n => n.Name == l.HolderNode && n.LastSeenAtUtc >= staleBefore)))
            .Select(l => new { l.ConnectionId, l.Diagram, l.HolderRunId, l.HolderNode })
            .ToListAsync(cancellationToken);
        var freed = 0;
        foreach (var lease in held)
        {
            // The dead node's run stopped part way: its release asks for one run of the pair (the takeover), as a chained
            // run that found the lease held would. Without it a pair with a rare schedule (23, the feed configuration)
            // waited for its next tick, however far away.
            await db.Leases
                .Where(l => l.ConnectionId == lease.ConnectionId && l.Diagram == lease.Diagram && l.HolderRunId == lease.HolderRunId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunAgain, true), cancellationToken);
            if (await leases.ReleaseAsync(lease.ConnectionId, lease.Diagram, lease.HolderRunId!.Value, cancellationToken))
            {
                freed++;
                logger.LogWarning(
                    "Node {Node}: took over the lease of diagram {Diagram} for {Connection} from dead node {DeadNode}",
                    self, lease.Diagram, lease.ConnectionId, lease.HolderNode ?? "(unnamed)");
            }
        }

        // Runs no live lease covers: their node died (or, at an exclusive start, was this store's previous process).
        var interrupted = await db.Runs
            .Where(r => r.Status == RunStatus.Running && (takeAll || r.Node != self)
                && !db.Leases.Any(l => l.HolderRunId == r.Id && l.ExpiresAtUtc >= now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, RunStatus.Interrupted)
                    .SetProperty(r => r.EndedAtUtc, now)
                    .SetProperty(r => r.Error, InterruptedError),
                cancellationToken);

        var returned = await ReturnAbandonedClaimsAsync(db, now, takeAll ? now.AddDays(1) : now - settings.LeaseRenewal, cancellationToken);

        var removed = deadNodes.Count == 0 ? 0 : await db.Nodes
            .Where(n => deadNodes.Contains(n.Name) && (takeAll || n.LastSeenAtUtc < staleBefore))
            .ExecuteDeleteAsync(cancellationToken);

        var recovery = new Recovery(removed, freed, interrupted, returned);
        if (recovery.Any)
        {
            logger.LogWarning(
                "Node {Node}: {DeadNodes} dead node(s) ({Names}); {Leases} lease(s) taken over, {Runs} run(s) interrupted, {Messages} abandoned message(s) re-queued",
                self, removed, string.Join(", ", deadNodes), freed, interrupted, returned);
        }

        return recovery;
    }

    /// <summary>
    /// Messages left Processing on a pair no live lease covers: the attempt's holder died (a re-queued message is only
    /// claimed under its diagram's lease). Back to Requeued, with their hourly counters, so the sweeper retries them.
    /// </summary>
    private static async Task<int> ReturnAbandonedClaimsAsync(IpaasDbContext db, DateTime now, DateTime claimedBefore, CancellationToken cancellationToken)
    {
        var abandoned = await db.Messages.AsNoTracking()
            .Where(m => m.Situation == MessageSituation.Processing && m.UpdatedAtUtc < claimedBefore
                && !db.Leases.Any(l => l.ConnectionId == m.ConnectionId && l.Diagram == m.Diagram && l.HolderRunId != null && l.ExpiresAtUtc >= now))
            .Select(m => new { m.Id, Counted = new CountedMessage(m.ConnectionId, m.Diagram, m.ReceivedAtUtc) })
            .ToListAsync(cancellationToken);
        var returned = 0;
        foreach (var message in abandoned)
        {
            // One by one: with several nodes doing this at once, only the one whose update moved the row moves its counter.
            returned += await MessageCounts.InTransitionAsync(db, async () =>
            {
                var moved = await db.Messages
                    .Where(m => m.Id == message.Id && m.Situation == MessageSituation.Processing)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, MessageSituation.Requeued).SetProperty(m => m.UpdatedAtUtc, now), cancellationToken);
                if (moved == 1)
                {
                    await MessageCounts.MoveAsync(db, [message.Counted], MessageSituation.Processing, MessageSituation.Requeued, cancellationToken);
                }

                return moved;
            }, cancellationToken);
        }

        return returned;
    }
}
