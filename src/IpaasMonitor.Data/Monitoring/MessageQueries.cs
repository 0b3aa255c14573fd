using System.Linq.Expressions;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// The monitor grid's reads, built to stay fast with millions of messages.
/// <list type="bullet">
/// <item>Order: newest first, <c>(ReceivedAtUtc DESC, Id DESC)</c>. Every grid index ends in ReceivedAtUtc and
/// carries Id (the rowid in SQLite, the clustered key in SQL Server), so a page is a short backward index walk.</item>
/// <item>Paging: keyset (after/before a <see cref="MessageCursor"/>) for next/previous; offset only for a jump
/// to page N, where the cost grows with N (see <see cref="MessagePageRequest.PageIndex"/>).</item>
/// <item>Branches: a filter with several situations or diagrams would make the database merge several index
/// ranges and sort them all before the first row comes out. Instead each (diagram, situation) combination
/// is read as its own index range, already in order, at most one page deep, and the branches are merged
/// here (up to <see cref="MaxBranches"/>; beyond that one branch per situation with the diagrams as an IN list).
/// A filter without situations is one branch per situation: no index orders the rows without one (ADR-013).</item>
/// <item>Index choice: a predicate is written so the database can seek on it only when it is part of an
/// index prefix that also yields the order; otherwise it is a residual filter (written <c>x + ""</c> or
/// <c>x + 0</c>), so SQLite, which has no statistics by default, never picks "seek then sort everything".</item>
/// <item>Counts are bounded (<see cref="BoundedCount"/>): at most limit + 1 index entries per branch.</item>
/// </list>
/// </summary>
/// <remarks>
/// The search box also finds a buyer's orders by CPF/CNPJ (through the keyed hashes of <see cref="CustomerDocument"/>, when a
/// <see cref="CustomerDocumentHasher"/> is given) and recent failures by part of their error text (a bounded walk of the
/// newest <see cref="MessageSearchOptions.ErrorScanRows"/> messages per situation): ADR-019.
/// </remarks>
public sealed class MessageQueries(
    IDbContextFactory<IpaasDbContext> dbFactory,
    MessageSearchOptions? searchOptions = null,
    CustomerDocumentHasher? documents = null,
    IFailureGroupFilter? failureGroups = null)
{
    public const int DefaultCountLimit = 10_000;
    public const int MaxBranches = 24;
    public const int MaxPageSize = 500;
    public const int RelatedLimit = 50;

    /// <summary>How many rows per search branch the per-situation counts read at once, as a multiple of the limit.</summary>
    public const int SearchCountReadFactor = 4;

    private static readonly Expression<Func<IntegrationMessage, MessageRow>> ToRow = m => new MessageRow(
        m.Id, m.MessageId, m.ShortId, m.ConnectionId, m.Diagram, m.Situation, m.Component, m.BusinessKey,
        m.CorrelationId, m.ReceivedAtUtc, m.UpdatedAtUtc, m.AttemptCount, m.LastError);

    private static readonly MessageSituation[] AllSituations = Enum.GetValues<MessageSituation>();

    /// <summary>The situations whose error text the search box reads: those that still need someone.</summary>
    private static readonly MessageSituation[] ErrorSituations = [MessageSituation.Failed, MessageSituation.Requeued];

    private readonly MessageSearchOptions options = searchOptions ?? new MessageSearchOptions();

    /// <summary>Whether a filter may name a failure group (an <see cref="IFailureGroupFilter"/> is registered).</summary>
    public bool SupportsFailureGroups => failureGroups is not null;

    /// <summary>How many of the newest messages per situation the error-text search reads (<see cref="MessageSearchOptions.ErrorScanRows"/>).</summary>
    public int ErrorScanRows => Math.Max(1, options.ErrorScanRows);

    public async Task<MessagePage> GetPageAsync(MessageFilter filter, MessagePageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var branches = await BranchesAsync(db, filter, cancellationToken);
        if (branches.Count == 0)
        {
            return new MessagePage([], false, false);
        }

        if (branches.Count > 1)
        {
            await db.Database.OpenConnectionAsync(cancellationToken); // one connection for all the branches' reads
        }

        if (request.After is { } after)
        {
            var rows = await ReadMergedAsync(branches.Select(b => OlderThan(b, after)), newestFirst: true, size + 1, cancellationToken);
            return new MessagePage(rows.Take(size).ToList(), rows.Count > size, HasPrevious: true);
        }

        if (request.Before is { } before)
        {
            var rows = await ReadMergedAsync(branches.Select(b => NewerThan(b, before)), newestFirst: false, size + 1, cancellationToken);
            var page = rows.Take(size).Reverse().ToList();
            return new MessagePage(page, HasNext: true, HasPrevious: rows.Count > size);
        }

        var skip = (long)Math.Max(0, request.PageIndex) * size;
        if (skip == 0)
        {
            var rows = await ReadMergedAsync(branches, newestFirst: true, size + 1, cancellationToken);
            return new MessagePage(rows.Take(size).ToList(), rows.Count > size, HasPrevious: false);
        }

        if (skip > int.MaxValue - size - 1)
        {
            return new MessagePage([], false, true);
        }

        if (branches.Count == 1)
        {
            // Offset fallback: the database walks and throws away `skip` index entries.
            var rows = await Order(branches[0], newestFirst: true).Skip((int)skip).Take(size + 1).Select(ToRow).ToListAsync(cancellationToken);
            return new MessagePage(rows.Take(size).ToList(), rows.Count > size, HasPrevious: true);
        }

        // Several branches: walk only the keys (two integers per row) to find the row just before the page,
        // then read the page itself by keyset.
        var keys = new List<MessageCursor>();
        foreach (var branch in branches)
        {
            keys.AddRange(await Order(branch, newestFirst: true).Take((int)skip)
                .Select(m => new { m.ReceivedAtUtc, m.Id }).AsAsyncEnumerable()
                .Select(k => new MessageCursor(k.ReceivedAtUtc, k.Id)).ToListAsync(cancellationToken));
        }

        var ordered = keys.Distinct().OrderByDescending(k => k.ReceivedAtUtc).ThenByDescending(k => k.Id).ToList();
        if (ordered.Count < skip)
        {
            return new MessagePage([], false, true);
        }

        var anchor = ordered[(int)skip - 1];
        var next = await ReadMergedAsync(branches.Select(b => OlderThan(b, anchor)), newestFirst: true, size + 1, cancellationToken);
        return new MessagePage(next.Take(size).ToList(), next.Count > size, HasPrevious: true);
    }

    /// <summary>Counts the filter's messages, reading at most <paramref name="limit"/> + 1 index entries per branch.</summary>
    public async Task<BoundedCount> CountAsync(MessageFilter filter, int limit = DefaultCountLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CountAsync(db, filter, limit, cancellationToken);
    }

    /// <summary>
    /// The attention view's count: what needs a person (of one connection, or all), exact, from the hourly counters
    /// (<see cref="UnresolvedFailures.CountNeedingAttentionAsync"/>), never a scan of the messages.
    /// </summary>
    public async Task<BoundedCount> CountNeedingAttentionAsync(string? connectionId, bool includeRunSummaries, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await UnresolvedFailures.CountNeedingAttentionAsync(db, connectionId, includeRunSummaries, cancellationToken);
    }

    /// <summary>
    /// Bounded counts per situation for the filter, ignoring its own situation list (so each chip tells what
    /// choosing that situation would show).
    /// </summary>
    public async Task<IReadOnlyDictionary<MessageSituation, BoundedCount>> CountBySituationAsync(
        MessageFilter filter, int limit = DefaultCountLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // one connection for all the situations' reads
        if (filter.Search is not null && await CountSearchBySituationAsync(db, filter, limit, cancellationToken) is { } searched)
        {
            return searched;
        }

        var counts = new Dictionary<MessageSituation, BoundedCount>();
        foreach (var situation in AllSituations)
        {
            counts[situation] = await CountAsync(db, filter with { Situations = [situation] }, limit, cancellationToken);
        }

        return counts;
    }

    /// <summary>The message ids of the filter, newest first, at most <paramref name="max"/> (for bulk actions).</summary>
    public async Task<IReadOnlyList<Guid>> GetMessageIdsAsync(MessageFilter filter, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = new List<(DateTime At, long Id, Guid MessageId)>();
        foreach (var branch in await BranchesAsync(db, filter, cancellationToken))
        {
            var rows = await Order(branch, newestFirst: true).Take(max)
                .Select(m => new { m.ReceivedAtUtc, m.Id, m.MessageId }).ToListAsync(cancellationToken);
            found.AddRange(rows.Select(r => (r.ReceivedAtUtc, r.Id, r.MessageId)));
        }

        return found.DistinctBy(r => r.Id).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(max).Select(r => r.MessageId).ToList();
    }

    /// <summary>
    /// Every row id of the filter, no cap (a bulk re-queue collects its messages with it, ADR-017): each branch is read as
    /// an index range, ids only, in pages of <paramref name="pageSize"/> by keyset.
    /// </summary>
    public async Task<IReadOnlyList<long>> GetRowIdsAsync(MessageFilter filter, CancellationToken cancellationToken, int pageSize = 5_000)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = new HashSet<long>();
        foreach (var branch in await BranchesAsync(db, filter, cancellationToken))
        {
            MessageCursor? after = null;
            while (true)
            {
                var query = after is { } cursor ? OlderThan(branch, cursor) : branch;
                var keys = await Order(query, newestFirst: true).Take(pageSize).Select(m => new { m.ReceivedAtUtc, m.Id }).ToListAsync(cancellationToken);
                ids.UnionWith(keys.Select(k => k.Id));
                if (keys.Count < pageSize)
                {
                    break;
                }

                after = new MessageCursor(keys[^1].ReceivedAtUtc, keys[^1].Id);
            }
        }

        return [.. ids.Order()];
    }

    /// <summary>Header, payload, attempts, audit and related messages (same correlation id) of one message.</summary>
    public async Task<MessageDetail?> GetDetailAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // one connection for the five reads below
        var header = await db.Messages.AsNoTracking().WhereMessageId(messageId)
            .Select(m => new
            {
                Row = new MessageRow(
                m.Id, m.MessageId, m.ShortId, m.ConnectionId, m.Diagram, m.Situation, m.Component, m.BusinessKey,
                m.CorrelationId, m.ReceivedAtUtc, m.UpdatedAtUtc, m.AttemptCount, m.LastError),
                m.RunId,
                m.ResolvedByMessageId,
                m.ResolvedAtUtc,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (header is null)
        {
            return null;
        }

        var id = header.Row.Id;
        var payload = await db.Payloads.AsNoTracking().Where(p => p.MessageId == id)
            .Select(p => new { p.Content, p.RemoteResponse }).SingleOrDefaultAsync(cancellationToken);
        var runNode = header.RunId is { } runId
            ? await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Node).SingleOrDefaultAsync(cancellationToken)
            : null;
        var attempts = await db.Attempts.AsNoTracking().Where(a => a.MessageId == id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var target = messageId.ToString();
        var audit = await db.Audit.AsNoTracking().Where(a => a.TargetType == "message" && a.TargetId == target)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(200).ToListAsync(cancellationToken);

        IReadOnlyList<MessageRow> related = [];
        if (!string.IsNullOrEmpty(header.Row.CorrelationId))
        {
            var correlation = header.Row.CorrelationId;
            related = await Order(db.Messages.AsNoTracking().Where(m => m.CorrelationId == correlation && m.Id != id), newestFirst: true)
                .Take(RelatedLimit).Select(ToRow).ToListAsync(cancellationToken);
        }

        return new MessageDetail(header.Row, header.RunId, payload?.Content, payload?.RemoteResponse, attempts, audit, related)
        {
            ResolvedBy = header.ResolvedByMessageId,
            ResolvedAtUtc = header.ResolvedAtUtc,
            RunNode = runNode,
        };
    }

    /// <summary>The SQL of the first-page query of each branch, for EXPLAIN QUERY PLAN checks and benchmarks.</summary>
    public async Task<IReadOnlyList<string>> DescribeFirstPageAsync(MessageFilter filter, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await BranchesAsync(db, filter, cancellationToken)).Select(b => Order(b, newestFirst: true).Take(pageSize + 1).Select(ToRow).ToQueryString()).ToList();
    }

    /// <summary>The raw payload of a message with its short id (for the download endpoint); null when unknown.</summary>
    public async Task<(string ShortId, string? Content)?> GetPayloadAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Messages.AsNoTracking().WhereMessageId(messageId)
            .Select(m => new { m.ShortId, Content = m.Payload != null ? m.Payload.Content : null })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.ShortId, found.Content);
    }

    private async Task<BoundedCount> CountAsync(IpaasDbContext db, MessageFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var branches = await BranchesAsync(db, filter, cancellationToken);
        if (branches.Count > 1 && filter.Search is not null)
        {
            // Search branches can overlap (a key that is both business key and correlation id): count distinct rows.
            var ids = new HashSet<long>();
            foreach (var branch in branches)
            {
                ids.UnionWith(await branch.Select(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken));
            }

            return BoundedCount.FromRowsRead(ids.Count, limit);
        }

        var total = BoundedCount.Zero;
        foreach (var branch in branches)
        {
            var read = await branch.Select(m => m.Id).Take(limit + 1).CountAsync(cancellationToken);
            total = total.Add(BoundedCount.FromRowsRead(read, limit), limit);
            if (total.IsLowerBound)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>
    /// A search matches few rows: each search branch is read once (Id and Situation, straight from the search
    /// indexes, which carry Situation) and counted per situation here, instead of one query per situation and branch.
    /// Null when a branch holds more than <see cref="SearchCountReadFactor"/> × limit rows (a very common key):
    /// the caller then counts per situation with the bounded index walks.
    /// </summary>
    private async Task<Dictionary<MessageSituation, BoundedCount>?> CountSearchBySituationAsync(
        IpaasDbContext db, MessageFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var cap = (int)Math.Min(int.MaxValue, ((long)limit * SearchCountReadFactor) + 1);
        var found = new Dictionary<long, MessageSituation>();
        foreach (var branch in await BranchesAsync(db, filter with { Situations = [] }, cancellationToken))
        {
            var rows = await branch.Select(m => new { m.Id, m.Situation }).Take(cap).ToListAsync(cancellationToken);
            if (rows.Count == cap)
            {
                return null;
            }

            foreach (var row in rows)
            {
                found[row.Id] = row.Situation;
            }
        }

        return AllSituations.ToDictionary(s => s, s => BoundedCount.FromRowsRead(found.Values.Count(v => v == s), limit));
    }

    private static async Task<List<MessageRow>> ReadMergedAsync(
        IEnumerable<IQueryable<IntegrationMessage>> branches, bool newestFirst, int take, CancellationToken cancellationToken)
    {
        var rows = new List<MessageRow>();
        var count = 0;
        foreach (var branch in branches)
        {
            rows.AddRange(await Order(branch, newestFirst).Take(take).Select(ToRow).ToListAsync(cancellationToken));
            count++;
        }

        if (count == 1)
        {
            return rows;
        }

        var distinct = rows.DistinctBy(r => r.Id);
        var sorted = newestFirst
            ? distinct.OrderByDescending(r => r.ReceivedAtUtc).ThenByDescending(r => r.Id)
            : distinct.OrderBy(r => r.ReceivedAtUtc).ThenBy(r => r.Id);
        return sorted.Take(take).ToList();
    }

    private static IOrderedQueryable<IntegrationMessage> Order(IQueryable<IntegrationMessage> query, bool newestFirst) =>
        newestFirst
            ? query.OrderByDescending(m => m.ReceivedAtUtc).ThenByDescending(m => m.Id)
            : query.OrderBy(m => m.ReceivedAtUtc).ThenBy(m => m.Id);

    // Written as "at <= t AND (at < t OR id < x)" so the first term bounds the index range.
    private static IQueryable<IntegrationMessage> OlderThan(IQueryable<IntegrationMessage> query, MessageCursor cursor)
    {
        var at = cursor.ReceivedAtUtc;
        var id = cursor.Id;
        return query.Where(m => m.ReceivedAtUtc <= at && (m.ReceivedAtUtc < at || m.Id < id));
    }

    private static IQueryable<IntegrationMessage> NewerThan(IQueryable<IntegrationMessage> query, MessageCursor cursor)
    {
        var at = cursor.ReceivedAtUtc;
        var id = cursor.Id;
        return query.Where(m => m.ReceivedAtUtc >= at && (m.ReceivedAtUtc > at || m.Id > id));
    }

    /// <summary>The filter as one or more index-aligned queries whose union is the filter's result.</summary>
    internal async Task<List<IQueryable<IntegrationMessage>>> BranchesAsync(IpaasDbContext db, MessageFilter filter, CancellationToken cancellationToken)
    {
        IQueryable<IntegrationMessage> root = db.Messages.AsNoTracking();
        if (filter.FailureGroup is { } group)
        {
            root = (failureGroups ?? throw new NotSupportedException("This store has no failure groups (no IFailureGroupFilter is registered)."))
                .Apply(root, group);
        }

        if (filter.HeldByGroup is { } heldBy)
        {
            // A residual test on each branch's time-ordered walk, as the failure group's: a wait names its parent's item, and
            // one seek in IX_Messages_OpenByItem tells whether that item has an open failure in the group (ADR-017 amendment 3).
            var parents = db.Messages;
            root = root.Where(m => m.ParentKey != null && parents.Any(p => p.ConnectionId == m.ConnectionId && p.Diagram == m.ParentDiagram
                && p.BusinessKey == m.ParentKey && (p.Situation == MessageSituation.Failed || p.Situation == MessageSituation.Requeued) && p.CauseKey == heldBy));
        }

        if (filter.ReceivedFromUtc is { } from)
        {
            var fromUtc = AsUtc(from);
            root = root.Where(m => m.ReceivedAtUtc >= fromUtc);
        }

        if (filter.ReceivedToUtc is { } to)
        {
            var toUtc = AsUtc(to);
            root = root.Where(m => m.ReceivedAtUtc < toUtc);
        }

        if (filter.HideRunSummaries)
        {
            // A residual test on each branch's time-ordered walk: summaries are about 1 % of the rows.
            root = root.Where(m => m.Component + "" != MessageFilter.RunSummaryComponent);
        }

        var diagrams = filter.Diagrams.Distinct().ToArray();
        var situations = filter.Situations.Distinct().ToArray();
        var connection = string.IsNullOrWhiteSpace(filter.ConnectionId) ? null : filter.ConnectionId.Trim();

        var search = SearchTerms.Parse(filter.Search, documents);
        if (search is not null)
        {
            // The search key is by far the most selective predicate: seek on it, filter the rest.
            var filtered = Residual(root, connection, diagrams, situations);
            var orders = search.DocumentHash is { } hash
                ? await DocumentOrdersAsync(db, hash, connection, cancellationToken)
                : new Dictionary<string, List<string>>();
            var branches = search.Apply(filtered, orders);
            if (search.SearchesErrors)
            {
                branches.AddRange(ErrorTextBranches(root, search.Text, connection, diagrams, situations));
            }

            return branches;
        }

        // Every branch has a situation: there is no index that yields the order without one (ADR-013), so a filter
        // without situations is read as one branch per situation.
        var situationOptions = situations.Length == 0 ? AllSituations : situations;
        if (diagrams.Length * situationOptions.Length > MaxBranches)
        {
            // Too many combinations: one branch per situation, the diagrams a residual filter on its time-ordered walk.
            var withDiagrams = Residual(root, connection: null, diagrams, []);
            return situationOptions.Select(s => Branch(withDiagrams, diagram: null, s, connection)).ToList();
        }

        int?[] diagramOptions = diagrams.Length == 0 ? [null] : diagrams.Select(d => (int?)d).ToArray();
        return diagramOptions.SelectMany(d => situationOptions.Select(s => Branch(root, d, s, connection))).ToList();
    }

    /// <summary>
    /// The buyer's orders (newest first, at most <see cref="MessageSearchOptions.MaxDocumentOrders"/>) by connection: one
    /// seek on the document hash's index.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> DocumentOrdersAsync(IpaasDbContext db, byte[] hash, string? connection, CancellationToken cancellationToken)
    {
        var query = db.CustomerDocuments.AsNoTracking().Where(d => d.DocumentHash == hash);
        if (connection is not null)
        {
            query = query.Where(d => d.ConnectionId == connection);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(Math.Max(1, options.MaxDocumentOrders))
            .Select(d => new { d.ConnectionId, d.OrderId }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ConnectionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.OrderId).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Part of the error text, in any ASCII letter case: for each situation that carries an error (Failed, Requeued; those
    /// of the filter among them), the newest <see cref="ErrorScanRows"/> messages of the filter, read in index order, and
    /// those whose error contains the text. A bounded walk, never a scan of the store: older failures are reached by
    /// narrowing the period, the diagram or the connection (ADR-019).
    /// </summary>
    private IEnumerable<IQueryable<IntegrationMessage>> ErrorTextBranches(
        IQueryable<IntegrationMessage> root, string text, string? connection, int[] diagrams, MessageSituation[] situations)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        var scan = ErrorScanRows;
        var withDiagrams = diagrams.Length > 1 ? Residual(root, connection: null, diagrams, []) : root;
        int? diagram = diagrams.Length == 1 ? diagrams[0] : null;
        foreach (var situation in ErrorSituations.Where(s => situations.Length == 0 || situations.Contains(s)))
        {
            yield return Order(Branch(withDiagrams, diagram, situation, connection), newestFirst: true)
                .Take(scan)
                .Where(m => m.LastError != null && EF.Functions.Like(m.LastError, pattern, "\\"));
        }
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);

    // (ConnectionId, [Diagram,] Situation, ReceivedAtUtc), ([Diagram,] Situation, ReceivedAtUtc): each yields the
    // branch's rows newest first.
    private static IQueryable<IntegrationMessage> Branch(IQueryable<IntegrationMessage> query, int? diagram, MessageSituation situation, string? connection)
    {
        if (diagram is { } d)
        {
            query = query.Where(m => m.Diagram == d);
        }

        query = query.Where(m => m.Situation == situation);
        return connection is null ? query : query.Where(m => m.ConnectionId == connection);
    }

    private static IQueryable<IntegrationMessage> Residual(
        IQueryable<IntegrationMessage> query, string? connection, int[] diagrams, MessageSituation[] situations)
    {
        if (connection is not null)
        {
            query = query.Where(m => m.ConnectionId + "" == connection);
        }

        if (diagrams.Length > 0)
        {
            query = query.Where(m => diagrams.Contains(m.Diagram + 0));
        }

        if (situations.Length > 0)
        {
            // One equality per situation (six at most), not an IN list over an int[] parameter: Npgsql types such a
            // parameter from the enum column it is compared with and fails to convert it (ADR-020). Still "+ 0", a
            // residual filter the database never prefers an index for.
            var m = Expression.Parameter(typeof(IntegrationMessage), "m");
            var value = Expression.Add(Expression.Convert(Expression.Property(m, nameof(IntegrationMessage.Situation)), typeof(int)), Expression.Constant(0));
            var any = situations.Select(s => (Expression)Expression.Equal(value, Expression.Constant((int)s))).Aggregate(Expression.OrElse);
            query = query.Where(Expression.Lambda<Func<IntegrationMessage, bool>>(any, m));
        }

        return query;
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
