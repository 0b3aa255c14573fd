using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// The hub's orders and their stage machine. Every stage change is one conditional UPDATE (WHERE Stage IN expected),
/// so a step is taken once even with two workers, two nodes, or a re-queue racing a scheduled run; the caller learns
/// whether it won and records its message only then.
/// </summary>
public sealed class OrderStore(IDbContextFactory<IpaasDbContext> dbFactory, TimeProvider time, CustomerDocumentHasher? documents = null)
{
    /// <summary>
    /// Remembers that the buyer with this CPF/CNPJ placed the order, as a keyed hash only (ADR-019): the grid's search
    /// finds the order's messages by the document without the document being stored in an index. Nothing is written
    /// when no key is configured or the text is not shaped like a document; writing the same order twice is a no-op.
    /// </summary>
    public async Task RememberBuyerDocumentAsync(string connectionId, string orderId, string? document, CancellationToken cancellationToken)
    {
        if (documents?.HashOf(document) is not { } hash)
        {
            return;
        }

        await StateWrites.RunAsync(dbFactory, (db, ct) => RememberInAsync(db, connectionId, orderId, hash, ct), cancellationToken);
    }

    private async Task RememberInAsync(IpaasDbContext db, string connectionId, string orderId, byte[] hash, CancellationToken cancellationToken)
    {
        if (await db.CustomerDocuments.AnyAsync(d => d.DocumentHash == hash && d.ConnectionId == connectionId && d.OrderId == orderId, cancellationToken))
        {
            return;
        }

        db.CustomerDocuments.Add(new CustomerDocument
        {
            DocumentHash = hash,
            ConnectionId = connectionId,
            OrderId = orderId,
            AddedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbExceptions.IsUniqueViolation(ex))
        {
            // The same order validated twice at once (a re-queue racing the scheduled run): one row is enough.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Registers an order read from the feed. Returns false when the hub already knows it (a duplicate event).</summary>
    public Task<bool> TryAddReceivedAsync(string connectionId, string orderId, string? vtexStatus, string? feedHandle, CancellationToken cancellationToken) =>
        StateWrites.RunAsync(dbFactory, (db, ct) => TryAddInAsync(db, connectionId, orderId, vtexStatus, feedHandle, ct), cancellationToken);

    private async Task<bool> TryAddInAsync(IpaasDbContext db, string connectionId, string orderId, string? vtexStatus, string? feedHandle, CancellationToken cancellationToken)
    {
        if (await db.HubOrders.AnyAsync(o => o.ConnectionId == connectionId && o.OrderId == orderId, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.HubOrders.Add(new HubOrder
        {
            ConnectionId = connectionId,
            OrderId = orderId,
            Stage = OrderStage.Received,
            VtexStatus = vtexStatus,
            FeedHandle = feedHandle,
            ReceivedAtUtc = now,
            UpdatedAtUtc = now,
            StageChangedAtUtc = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return true;
        }
        catch (DbUpdateException ex) when (DbExceptions.IsUniqueViolation(ex))
        {
            // A concurrent reader inserted it first (unique index on connection + orderId).
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public async Task<HubOrder?> FindAsync(string connectionId, string orderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubOrders.AsNoTracking().SingleOrDefaultAsync(o => o.ConnectionId == connectionId && o.OrderId == orderId, cancellationToken);
    }

    public async Task<HubOrder?> FindByErpCodeAsync(string connectionId, int branchCode, int orderCode, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubOrders.AsNoTracking()
            .FirstOrDefaultAsync(o => o.ConnectionId == connectionId && o.BranchCode == branchCode && o.ErpOrderCode == orderCode, cancellationToken);
    }

    /// <summary>A page of orders in one of <paramref name="stages"/> (optionally only main or only branch ones), in id order.</summary>
    public async Task<IReadOnlyList<HubOrder>> ListAsync(
        string connectionId, IReadOnlyCollection<OrderStage> stages, bool? mainBranch, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var list = stages.ToList();
        var query = db.HubOrders.AsNoTracking().Where(o => o.ConnectionId == connectionId && o.Id > afterId && list.Contains(o.Stage));
        if (mainBranch is { } main)
        {
            query = query.Where(o => o.IsMainBranch == main);
        }

        return await query.OrderBy(o => o.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Orders whose feed event is still to be committed.</summary>
    public async Task<IReadOnlyList<HubOrder>> WithFeedHandleAsync(string connectionId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubOrders.AsNoTracking()
            .Where(o => o.ConnectionId == connectionId && o.FeedHandle != null)
            .OrderBy(o => o.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the order from one of <paramref name="from"/> to <paramref name="to"/>, applying <paramref name="set"/> in the
    /// same UPDATE. Returns false when the order was no longer in an expected stage (someone else took the step).
    /// </summary>
    public async Task<bool> TryAdvanceAsync(
        long id, IReadOnlyCollection<OrderStage> from, OrderStage to, Action<UpdateSettersBuilder<HubOrder>>? set, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expected = from.ToList();
        var changed = await StateWrites.RunAsync(dbFactory, (db, ct) => db.HubOrders
            .Where(o => o.Id == id && expected.Contains(o.Stage))
            .ExecuteUpdateAsync(
                s =>
                {
                    s.SetProperty(o => o.Stage, to).SetProperty(o => o.UpdatedAtUtc, now).SetProperty(o => o.StageChangedAtUtc, now);
                    set?.Invoke(s);
                },
                ct), cancellationToken);
        return changed == 1;
    }

    /// <summary>Updates fields without changing the stage (last error, VTEX status, invoiced cents…).</summary>
    public async Task UpdateAsync(long id, Action<UpdateSettersBuilder<HubOrder>> set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var now = time.GetUtcNow().UtcDateTime;
        await StateWrites.RunAsync(dbFactory, (db, ct) => db.HubOrders.Where(o => o.Id == id).ExecuteUpdateAsync(
            s =>
            {
                s.SetProperty(o => o.UpdatedAtUtc, now);
                set(s);
            },
            ct), cancellationToken);
    }

    /// <summary>Forgets a feed handle once committed (only if it is still the one committed).</summary>
    public async Task ClearFeedHandleAsync(long id, string handle, CancellationToken cancellationToken)
    {
        await StateWrites.RunAsync(dbFactory, (db, ct) => db.HubOrders.Where(o => o.Id == id && o.FeedHandle == handle)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.FeedHandle, (string?)null), ct), cancellationToken);
    }

    public async Task SetVtexStatusAsync(string connectionId, string orderId, string status, CancellationToken cancellationToken)
    {
        await StateWrites.RunAsync(dbFactory, (db, ct) => db.HubOrders.Where(o => o.ConnectionId == connectionId && o.OrderId == orderId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.VtexStatus, status), ct), cancellationToken);
    }
}
