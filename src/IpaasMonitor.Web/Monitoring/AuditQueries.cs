using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>Filters of the audit page. Dates are UTC, <see cref="ToUtc"/> exclusive.</summary>
public sealed record AuditFilter(string? User = null, string? Action = null, string? TargetId = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

/// <summary>
/// One page of the audit log, newest first. <see cref="Before"/> (older than this id) or <see cref="After"/> (newer
/// than this id) is the keyset cursor; neither means the newest page.
/// </summary>
public sealed record AuditPageRequest(long? Before = null, long? After = null, int PageSize = AuditQueries.DefaultPageSize);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Rows, bool HasNewer, bool HasOlder);

/// <summary>
/// Reads the audit log with keyset paging on the id (ids grow with time, so id order is newest-first order and the
/// primary key serves it), never an offset or a total count over a table that only grows.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<IpaasDbContext> dbFactory)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<AuditPage> GetPageAsync(AuditFilter filter, AuditPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(request);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = Apply(db.Audit.AsNoTracking(), filter, db.Database.IsNpgsql());

        List<AuditEntry> rows;
        bool hasNewer, hasOlder;
        if (request.After is { } after)
        {
            // Newer page: the size entries just above the cursor, then shown newest first.
            rows = await filtered.Where(a => a.Id > after).OrderBy(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
            hasNewer = rows.Count > size;
            rows = [.. rows.Take(size).Reverse()];
            var oldest = rows.Count > 0 ? rows[^1].Id : after + 1;
            hasOlder = await filtered.AnyAsync(a => a.Id < oldest, cancellationToken);
        }
        else
        {
            var query = request.Before is { } before ? filtered.Where(a => a.Id < before) : filtered;
            rows = await query.OrderByDescending(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
            hasOlder = rows.Count > size;
            rows = [.. rows.Take(size)];
            if (request.Before is { } cursor)
            {
                var newest = rows.Count > 0 ? rows[0].Id : cursor - 1;
                hasNewer = await filtered.AnyAsync(a => a.Id > newest, cancellationToken);
            }
            else
            {
                hasNewer = false;
            }
        }

        return new AuditPage(rows, hasNewer, hasOlder);
    }

    private static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter filter, bool postgreSql)
    {
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            // Part of the e-mail, case-insensitive in every provider (SQLite's LIKE for ASCII, SQL Server's collation,
            // PostgreSQL's ILIKE: its LIKE is case-sensitive).
            var pattern = "%" + EscapeLike(filter.User.Trim()) + "%";
            query = postgreSql
                ? query.Where(a => EF.Functions.ILike(a.UserName, pattern, "\\"))
                : query.Where(a => EF.Functions.Like(a.UserName, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.TargetId))
        {
            var target = filter.TargetId.Trim();
            query = query.Where(a => a.TargetId == target);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(a => a.AtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(a => a.AtUtc < to);
        }

        return query;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
}
