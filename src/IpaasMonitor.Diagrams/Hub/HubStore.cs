using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
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

        var byKey = new Dictionary<string, HubItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byKey[item.ErpKey] = item; // the last occurrence of a key in one page wins
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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
    public async Task MarkSentAsync(long recordId, string sentHash, string? vtexId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.HubRecords.Where(r => r.Id == recordId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.SentHash, sentHash).SetProperty(r => r.FailedHash, (string?)null).SetProperty(r => r.VtexId, vtexId).SetProperty(r => r.SentAtUtc, now),
                cancellationToken);
    }

    /// <summary>Remembers that VTEX rejected this content for good, so runs stop re-sending it until it changes.</summary>
    public async Task MarkRejectedAsync(long recordId, string rejectedHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.HubRecords.Where(r => r.Id == recordId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FailedHash, rejectedHash), cancellationToken);
    }

    public static T Read<T>(HubRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Deserialize<T>(record.Content, Json)
            ?? throw new InvalidOperationException($"Hub record {record.Kind} {record.ErpKey} has empty content.");
    }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
