using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// The connections the filters offer: the configured ones, plus any that ran before (a lease row exists per
/// connection and diagram that ever ran), so history of a removed connection stays reachable.
/// Never a DISTINCT over the messages table.
/// </summary>
public sealed class ConnectionDirectory(IOptionsMonitor<IpaasMonitorOptions> options, IDbContextFactory<IpaasDbContext> dbFactory)
{
    public async Task<IReadOnlyList<string>> GetConnectionIdsAsync(CancellationToken cancellationToken)
    {
        var configured = options.CurrentValue.Connections.Select(c => c.Id).Where(id => id.Length > 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seen = await db.Leases.Select(l => l.ConnectionId).Distinct().ToListAsync(cancellationToken);
        return configured.Concat(seen).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
