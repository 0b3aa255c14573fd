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
/// <para>
/// A step of an order diagram commits its message with its state change (ADR-027, amendment of 2026-12-07): the overloads
/// that take the step's message (<see cref="AdvanceAsync"/>, <see cref="CommitStepAsync"/>, …) write it in the transaction
/// of the change when the step runs inside <see cref="DiagramContext.RecordStepAsync"/> (<see cref="ItemStep"/>), and
/// return it for the run to count. The external call of the step (ERP, VTEX) happens before: a process that dies after
/// it and before the commit leaves the order where it was, and the next run (or re-queue) makes the call again, which the
/// remote side answers without a second effect (the ERP returns the order it already has for the orderId, a customer is
/// found by document, VTEX answers start-handling with 409 and an invoice by its number, a cancel reads the order first).
/// </para>
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
        TryAddReceivedAsync(connectionId, orderId, vtexStatus, feedHandle, messageIfAdded: null, cancellationToken);

    /// <summary>
    /// Registers an order read from the feed, with <paramref name="messageIfAdded"/> in the same transaction when it is new
    /// and a step is in progress (<see cref="ItemStep"/>). Returns false when the hub already knows it.
    /// </summary>
    public Task<bool> TryAddReceivedAsync(
        string connectionId, string orderId, string? vtexStatus, string? feedHandle, ItemResult? messageIfAdded, CancellationToken cancellationToken) =>
        StateWrites.RunAsync(dbFactory, async (db, ct) =>
        {
            var added = await TryAddInAsync(db, connectionId, orderId, vtexStatus, feedHandle, ct);
            return new StateChange<bool>(added, ItemStep.Carry(added ? messageIfAdded : null));
        }, cancellationToken);

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
    public Task<bool> TryAdvanceAsync(
        long id, IReadOnlyCollection<OrderStage> from, OrderStage to, Action<UpdateSettersBuilder<HubOrder>>? set, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return StateWrites.RunAsync(dbFactory, (db, ct) => AdvanceInAsync(db, id, from, to, set, now, ct), cancellationToken);
    }

    /// <summary>
    /// A step's end: moves the order as <see cref="TryAdvanceAsync"/> and writes the step's message, built from whether
    /// the order moved, in the same transaction (<see cref="ItemStep"/>). Returns the message.
    /// </summary>
    public Task<ItemResult> AdvanceAsync(
        long id,
        IReadOnlyCollection<OrderStage> from,
        OrderStage to,
        Action<UpdateSettersBuilder<HubOrder>>? set,
        Func<bool, ItemResult> message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow().UtcDateTime;
        return CommitStepAsync(async (db, ct) => message(await AdvanceInAsync(db, id, from, to, set, now, ct)), cancellationToken);
    }

    /// <summary>
    /// A step's end made of several state writes (the invoice step marks its hub record sent and moves the order): runs
    /// <paramref name="step"/> in one transaction with the message it returns (<see cref="ItemStep"/>). Returns the message.
    /// The step may run twice (a retry of the execution strategy): it writes through the context it is given only.
    /// </summary>
    public Task<ItemResult> CommitStepAsync(Func<IpaasDbContext, CancellationToken, Task<ItemResult>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return StateWrites.RunAsync(dbFactory, async (db, ct) =>
        {
            var message = await step(db, ct);
            return new StateChange<ItemResult>(message, ItemStep.Carry(message));
        }, cancellationToken);
    }

    /// <summary>The conditional stage change of <see cref="TryAdvanceAsync"/> on a context the caller's transaction holds.</summary>
    public static async Task<bool> AdvanceInAsync(
        IpaasDbContext db, long id, IReadOnlyCollection<OrderStage> from, OrderStage to, Action<UpdateSettersBuilder<HubOrder>>? set, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(from);
        var expected = from.ToList();
        var changed = await db.HubOrders
            .Where(o => o.Id == id && expected.Contains(o.Stage))
            .ExecuteUpdateAsync(
                s =>
                {
                    s.SetProperty(o => o.Stage, to).SetProperty(o => o.UpdatedAtUtc, nowUtc).SetProperty(o => o.StageChangedAtUtc, nowUtc);
                    set?.Invoke(s);
                },
                cancellationToken);
        return changed == 1;
    }

    /// <summary>Updates fields without changing the stage (last error, VTEX status, invoiced cents…).</summary>
    public async Task UpdateAsync(long id, Action<UpdateSettersBuilder<HubOrder>> set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var now = time.GetUtcNow().UtcDateTime;
        await StateWrites.RunAsync(dbFactory, (db, ct) => UpdateInAsync(db, id, set, now, ct), cancellationToken);
    }

    /// <summary>A failed step's end: notes the order's last error with the step's failure message in one transaction.</summary>
    public Task<ItemResult> UpdateAsync(long id, Action<UpdateSettersBuilder<HubOrder>> set, ItemResult message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow().UtcDateTime;
        return CommitStepAsync(async (db, ct) =>
        {
            await UpdateInAsync(db, id, set, now, ct);
            return message;
        }, cancellationToken);
    }

    /// <summary>The update of <see cref="UpdateAsync(long, Action{UpdateSettersBuilder{HubOrder}}, CancellationToken)"/> on a context the caller's transaction holds.</summary>
    public static Task<int> UpdateInAsync(IpaasDbContext db, long id, Action<UpdateSettersBuilder<HubOrder>> set, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(set);
        return db.HubOrders.Where(o => o.Id == id).ExecuteUpdateAsync(
            s =>
            {
                s.SetProperty(o => o.UpdatedAtUtc, nowUtc);
                set(s);
            },
            cancellationToken);
    }

    /// <summary>Forgets a feed handle once committed (only if it is still the one committed).</summary>
    public async Task ClearFeedHandleAsync(long id, string handle, CancellationToken cancellationToken)
    {
        await StateWrites.RunAsync(dbFactory, (db, ct) => ClearFeedHandleInAsync(db, id, handle, ct), cancellationToken);
    }

    /// <summary>Forgets a committed feed handle with the commit's message in one transaction (<see cref="ItemStep"/>).</summary>
    public Task<ItemResult> ClearFeedHandleAsync(long id, string handle, ItemResult message, CancellationToken cancellationToken) =>
        CommitStepAsync(async (db, ct) =>
        {
            await ClearFeedHandleInAsync(db, id, handle, ct);
            return message;
        }, cancellationToken);

    private static Task<int> ClearFeedHandleInAsync(IpaasDbContext db, long id, string handle, CancellationToken cancellationToken) =>
        db.HubOrders.Where(o => o.Id == id && o.FeedHandle == handle).ExecuteUpdateAsync(s => s.SetProperty(o => o.FeedHandle, (string?)null), cancellationToken);

    public async Task SetVtexStatusAsync(string connectionId, string orderId, string status, CancellationToken cancellationToken)
    {
        await StateWrites.RunAsync(dbFactory, (db, ct) => db.HubOrders.Where(o => o.ConnectionId == connectionId && o.OrderId == orderId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.VtexStatus, status), ct), cancellationToken);
    }
}
