using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Hub;

/// <summary>
/// The hub's records: ERP→Hub diagrams upsert them by key with a content hash; Hub→VTEX diagrams read the ones
/// whose content changed since last sent and mark them sent. Shared by every diagram pair (ADR-001).
/// </summary>
public sealed class HubStore(IDbContextFactory<IpaasDbContext> dbFactory, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Upserts a page of records. Returns the keys whose content is new or changed (unchanged ones are left alone).</summary>
    public async Task<IReadOnlyList<string>> UpsertAsync(string connectionId, string kind, IReadOnlyCollection<HubItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return [];
        }

        return await StateWrites.RunAsync(dbFactory, (db, ct) => UpsertInAsync(db, connectionId, kind, items, ct), cancellationToken);
    }

    /// <summary>
    /// Upserts records of several kinds and, in the same transaction, the messages <paramref name="messagesFor"/> builds
    /// from the (kind, key) pairs whose content was new or changed (ADR-027: inside a run, through its recorder). Returns
    /// those pairs.
    /// </summary>
    public Task<IReadOnlySet<(string Kind, string Key)>> UpsertWithMessagesAsync(
        string connectionId,
        IReadOnlyList<(string Kind, IReadOnlyCollection<HubItem> Items)> groups,
        Func<IReadOnlySet<(string Kind, string Key)>, IReadOnlyList<ItemResult>> messagesFor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(messagesFor);
        return StateWrites.RunAsync<IReadOnlySet<(string Kind, string Key)>>(dbFactory, async (db, ct) =>
        {
            var changed = new HashSet<(string Kind, string Key)>();
            foreach (var (kind, items) in groups)
            {
                foreach (var key in await UpsertInAsync(db, connectionId, kind, items, ct))
                {
                    changed.Add((kind, key));
                }
            }

            return new StateChange<IReadOnlySet<(string Kind, string Key)>>(changed, messagesFor(changed));
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> UpsertInAsync(IpaasDbContext db, string connectionId, string kind, IReadOnlyCollection<HubItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var byKey = new Dictionary<string, HubItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byKey[item.ErpKey] = item; // the last occurrence of a key in one page wins
        }

        var keys = byKey.Keys.ToList();
        var existing = await db.HubRecords
            .Where(r => r.ConnectionId == connectionId && r.Kind == kind && keys.Contains(r.ErpKey))
            .ToDictionaryAsync(r => r.ErpKey, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = new List<string>();
        foreach (var (key, item) in byKey)
        {
            var content = JsonSerializer.Serialize(item.Content, Json);
            var hash = Hash(content);
            if (existing.TryGetValue(key, out var record))
            {
                if (record.ContentHash == hash)
                {
                    continue;
                }

                record.Content = content;
                record.ContentHash = hash;
                record.ParentKey = item.ParentKey;
                record.ErpChangedAtUtc = item.ErpChangedAtUtc;
                record.UpdatedAtUtc = now;
            }
            else
            {
                db.HubRecords.Add(new HubRecord
                {
                    ConnectionId = connectionId,
                    Kind = kind,
                    ErpKey = key,
                    ParentKey = item.ParentKey,
                    Content = content,
                    ContentHash = hash,
                    ErpChangedAtUtc = item.ErpChangedAtUtc,
                    UpdatedAtUtc = now,
                });
            }

            changed.Add(key);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return changed;
    }

    /// <summary>Records whose content differs from what VTEX last accepted, in key order, a page at a time.</summary>
    public async Task<IReadOnlyList<HubRecord>> PendingAsync(string connectionId, string kind, long afterId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Kind == kind && r.Id > afterId
                && (r.SentHash == null || r.SentHash != r.ContentHash)
                && (r.FailedHash == null || r.FailedHash != r.ContentHash))
            .OrderBy(r => r.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    public async Task<HubRecord?> FindAsync(string connectionId, string kind, string erpKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ConnectionId == connectionId && r.Kind == kind && r.ErpKey == erpKey, cancellationToken);
    }

    /// <summary>Marks the content with <paramref name="sentHash"/> as accepted by VTEX, keeping the id VTEX knows it by.</summary>
    public Task MarkSentAsync(long recordId, string sentHash, string? vtexId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return StateWrites.RunAsync(dbFactory, (db, ct) => MarkSentInAsync(db, recordId, sentHash, vtexId, now, ct), cancellationToken);
    }

    /// <summary><see cref="MarkSentAsync"/> on a context the caller's transaction holds (an order step, ADR-027).</summary>
    public static Task<int> MarkSentInAsync(IpaasDbContext db, long recordId, string sentHash, string? vtexId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.HubRecords.Where(r => r.Id == recordId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.SentHash, sentHash).SetProperty(r => r.FailedHash, (string?)null).SetProperty(r => r.VtexId, vtexId).SetProperty(r => r.SentAtUtc, nowUtc)
                    .SetProperty(r => r.WaitingHash, (string?)null).SetProperty(r => r.WaitingFor, (string?)null),
                cancellationToken);
    }

    /// <summary>Remembers that VTEX rejected this content for good, so runs stop re-sending it until it changes.</summary>
    public Task MarkRejectedAsync(long recordId, string rejectedHash, CancellationToken cancellationToken) =>
        StateWrites.RunAsync(dbFactory, (db, ct) => MarkRejectedInAsync(db, recordId, rejectedHash, ct), cancellationToken);

    /// <summary><see cref="MarkRejectedAsync"/> on a context the caller's transaction holds (an order step, ADR-027).</summary>
    public static Task<int> MarkRejectedInAsync(IpaasDbContext db, long recordId, string rejectedHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.HubRecords.Where(r => r.Id == recordId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.FailedHash, rejectedHash).SetProperty(r => r.WaitingHash, (string?)null).SetProperty(r => r.WaitingFor, (string?)null),
                cancellationToken);
    }

    /// <summary>Records of one kind with these keys (any state).</summary>
    public async Task<IReadOnlyList<HubRecord>> FindManyAsync(string connectionId, string kind, IReadOnlyCollection<string> erpKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erpKeys);
        if (erpKeys.Count == 0)
        {
            return [];
        }

        var keys = erpKeys.Distinct(StringComparer.Ordinal).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Kind == kind && keys.Contains(r.ErpKey))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The VTEX ids of the records of one kind with these keys that VTEX has accepted at least once (key → id).</summary>
    public async Task<IReadOnlyDictionary<string, string>> VtexIdsAsync(string connectionId, string kind, IReadOnlyCollection<string> erpKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erpKeys);
        if (erpKeys.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var keys = erpKeys.Distinct(StringComparer.Ordinal).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Kind == kind && keys.Contains(r.ErpKey) && r.VtexId != null)
            .ToDictionaryAsync(r => r.ErpKey, r => r.VtexId!, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Where the parents that a page's waiting records wait for stand (ADR-012): one query for the whole page, whatever
    /// the kinds. A parent not in the answer is not in the hub at all.
    /// </summary>
    public async Task<IReadOnlyDictionary<HubKey, HubParentState>> ParentStatesAsync(string connectionId, IReadOnlyCollection<HubKey> parents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parents);
        var wanted = parents.ToHashSet();
        if (wanted.Count == 0)
        {
            return new Dictionary<HubKey, HubParentState>();
        }

        var kinds = wanted.Select(p => p.Kind).Distinct(StringComparer.Ordinal).ToList();
        var keys = wanted.Select(p => p.ErpKey).Distinct(StringComparer.Ordinal).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && kinds.Contains(r.Kind) && keys.Contains(r.ErpKey))
            .Select(r => new { r.Kind, r.ErpKey, r.ContentHash, r.SentHash, r.FailedHash, r.WaitingHash, r.WaitingFor, r.VtexId })
            .ToListAsync(cancellationToken);
        var states = new Dictionary<HubKey, HubParentState>();
        foreach (var r in rows)
        {
            var key = new HubKey(r.Kind, r.ErpKey);
            if (!wanted.Contains(key))
            {
                continue; // the IN lists cross kinds and keys: keep only the pairs asked for
            }

            var status = r.VtexId is not null ? HubParentStatus.InVtex
                : r.FailedHash == r.ContentHash ? HubParentStatus.Rejected
                : r.WaitingHash == r.ContentHash ? HubParentStatus.Waiting
                : r.SentHash != r.ContentHash ? HubParentStatus.Pending
                : HubParentStatus.SentWithoutId;
            states[key] = new HubParentState(status, status == HubParentStatus.Waiting ? r.WaitingFor : null);
        }

        return states;
    }

    /// <summary>
    /// Of these kinds, those whose ERP → Hub read has completed (a run ended without a run-level error) for the connection
    /// since <paramref name="sinceUtc"/>, plus those no ERP read writes (ADR-018). A kind not in the answer may simply not
    /// be in the hub yet. One query on the runs (index connection/diagram/start).
    /// </summary>
    public async Task<IReadOnlySet<string>> KindsReadSinceAsync(string connectionId, IReadOnlyCollection<string> kinds, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var readers = DiagramCatalog.All
            .Where(d => d.Source == SystemSide.Erp && d.Target == SystemSide.Hub && d.HubKind is not null && kinds.Contains(d.HubKind))
            .ToList();
        var read = kinds.Where(k => !readers.Any(d => d.HubKind == k)).ToHashSet(StringComparer.Ordinal);
        if (readers.Count == 0)
        {
            return read;
        }

        var numbers = readers.Select(d => d.Number).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var completed = await db.Runs.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && numbers.Contains(r.Diagram) && r.StartedAtUtc >= sinceUtc && r.Status == RunStatus.Completed)
            .Select(r => r.Diagram)
            .Distinct()
            .ToListAsync(cancellationToken);
        read.UnionWith(readers.Where(d => completed.Contains(d.Number)).Select(d => d.HubKind!));
        return read;
    }

    /// <summary>Key, parent and VTEX id of every record of one kind (small kinds, or maps a run needs whole).</summary>
    public async Task<IReadOnlyList<HubRecordInfo>> ListAsync(string connectionId, string kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Kind == kind)
            .Select(r => new HubRecordInfo(r.ErpKey, r.ParentKey, r.VtexId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Applies the outcome of a page of sends in one short transaction.</summary>
    public async Task MarkManyAsync(IReadOnlyCollection<HubMark> marks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var effective = marks.Where(m => m.Kind != HubMarkKind.None).GroupBy(m => m.RecordId).Select(g => g.Last()).ToDictionary(m => m.RecordId);
        if (effective.Count == 0)
        {
            return;
        }

        await StateWrites.RunAsync(dbFactory, (db, ct) => MarkInAsync(db, effective, ct), cancellationToken);
    }

    private async Task MarkInAsync(IpaasDbContext db, Dictionary<long, HubMark> effective, CancellationToken cancellationToken)
    {
        var ids = effective.Keys.ToList();
        var records = await db.HubRecords.Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var record in records)
        {
            var mark = effective[record.Id];
            switch (mark.Kind)
            {
                case HubMarkKind.Sent:
                    record.SentHash = mark.Hash;
                    record.FailedHash = null;
                    record.VtexId = mark.VtexId ?? record.VtexId;
                    record.SentAtUtc = now;
                    break;
                case HubMarkKind.Rejected:
                    record.FailedHash = mark.Hash;
                    break;
                case HubMarkKind.Waiting:
                    record.WaitingHash = mark.Hash;
                    record.WaitingFor = mark.WaitingFor;
                    continue;
            }

            // Every outcome other than "still waiting" ends the waiting episode: a later wait writes one message again.
            record.WaitingHash = null;
            record.WaitingFor = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Makes the records of these kinds changed in the ERP since <paramref name="sinceUtc"/> pending again (the daily
    /// 24-hour resend): their sent hash is forgotten, their VTEX id kept. Returns how many.
    /// </summary>
    public async Task<int> ResendSinceAsync(string connectionId, IReadOnlyCollection<string> kinds, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var list = kinds.ToList();
        return await StateWrites.RunAsync(dbFactory, (db, ct) => db.HubRecords
            .Where(r => r.ConnectionId == connectionId && list.Contains(r.Kind) && r.ErpChangedAtUtc >= sinceUtc && r.SentHash != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SentHash, (string?)null), ct), cancellationToken);
    }

    public static T Read<T>(HubRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Deserialize<T>(record.Content, Json)
            ?? throw new InvalidOperationException($"Hub record {record.Kind} {record.ErpKey} has empty content.");
    }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

/// <summary>Key, parent and VTEX id of a hub record.</summary>
public sealed record HubRecordInfo(string ErpKey, string? ParentKey, string? VtexId);

/// <summary>A hub record's identity within a connection: its kind and its ERP key.</summary>
public readonly record struct HubKey(string Kind, string ErpKey);

/// <summary>
/// Where a parent record in the hub stands, seen by a record that waits for it (ADR-012). A parent that is not in the
/// hub has no state at all (<see cref="HubStore.ParentStatesAsync"/> leaves it out).
/// </summary>
public enum HubParentStatus
{
    /// <summary>In the hub, not sent yet, neither refused nor stuck itself: its diagram sends it on its next run.</summary>
    Pending,

    /// <summary>VTEX knows it (it was sent meanwhile): the waiting record goes out on its next run.</summary>
    InVtex,

    /// <summary>VTEX refused its current content for good: it is not re-sent until it changes or is re-queued.</summary>
    Rejected,

    /// <summary>It is itself stuck waiting for its own parent (its waiting failure is open, naming <see cref="HubParentState.WaitingFor"/>).</summary>
    Waiting,

    /// <summary>Marked sent with its current content but without a VTEX id (only by hand): nothing will send it again.</summary>
    SentWithoutId,
}

/// <summary>The status of a parent record and, when it is itself waiting, what it waits for.</summary>
public sealed record HubParentState(HubParentStatus Status, string? WaitingFor = null);

public enum HubMarkKind
{
    /// <summary>Nothing to remember: the next run tries again (transient failure, still waiting for a parent).</summary>
    None,

    /// <summary>VTEX accepted this content.</summary>
    Sent,

    /// <summary>VTEX refused this content for good (4xx): not re-sent until it changes or an operator re-queues it.</summary>
    Rejected,

    /// <summary>
    /// A "waiting for parent" message was written for this content and parent: still pending (the next run tries again),
    /// but the runs that find the same parent missing for the same content write no new message.
    /// </summary>
    Waiting,

    /// <summary>The record got past its wait without being sent or refused (a transient failure): its waiting episode is over.</summary>
    WaitEnded,
}

/// <summary>What a send did to one hub record.</summary>
public sealed record HubMark(long RecordId, HubMarkKind Kind, string Hash, string? VtexId = null, string? WaitingFor = null)
{
    public static HubMark Sent(HubRecord record, string? vtexId)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, HubMarkKind.Sent, record.ContentHash, vtexId);
    }

    public static HubMark Rejected(HubRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, HubMarkKind.Rejected, record.ContentHash);
    }

    /// <summary>A waiting message naming <paramref name="parent"/> was written for the record's current content.</summary>
    public static HubMark Waiting(HubRecord record, string parent)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, HubMarkKind.Waiting, record.ContentHash, WaitingFor: WaitingKey(parent));
    }

    /// <summary>The record's waiting episode is over (see <see cref="HubMarkKind.WaitEnded"/>).</summary>
    public static HubMark WaitEnded(HubRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, HubMarkKind.WaitEnded, record.ContentHash);
    }

    /// <summary>True when a waiting message for this content and this parent has already been written.</summary>
    public static bool IsWaitingFor(HubRecord record, string parent)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.WaitingHash == record.ContentHash && record.WaitingFor == WaitingKey(parent);
    }

    private static string WaitingKey(string parent) => parent.Length <= HubRecord.WaitingForMaxLength ? parent : parent[..HubRecord.WaitingForMaxLength];
}
