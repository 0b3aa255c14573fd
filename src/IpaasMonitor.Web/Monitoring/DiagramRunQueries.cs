using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>Reads for the diagrams page (its only user, hence here: ADR-014).</summary>
public sealed class DiagramRunQueries(IDbContextFactory<IpaasDbContext> dbFactory)
{
    /// <summary>
    /// The latest run of every (connection, diagram) that ever ran. The lease table has exactly one row per such
    /// pair, so this is one small read plus one index seek per pair on (ConnectionId, Diagram, StartedAtUtc),
    /// never a scan of the run history.
    /// </summary>
    public async Task<IReadOnlyList<DiagramRun>> GetLatestRunsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pairs = await db.Leases.AsNoTracking().Select(l => new { l.ConnectionId, l.Diagram }).ToListAsync(cancellationToken);
        var runs = new List<DiagramRun>(pairs.Count);
        foreach (var pair in pairs)
        {
            var latest = await db.Runs.AsNoTracking()
                .Where(r => r.ConnectionId == pair.ConnectionId && r.Diagram == pair.Diagram)
                .OrderByDescending(r => r.StartedAtUtc)
                .FirstOrDefaultAsync(cancellationToken);
            if (latest is not null)
            {
                runs.Add(latest);
            }
        }

        return runs;
    }
}
