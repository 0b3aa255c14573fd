using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Data;

/// <summary>Applies migrations at start (always for SQLite, on request for SQL Server) and turns on WAL.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<IpaasDbContext> factory, DatabaseOptions options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var migrate = options.MigrateOnStart ?? options.Provider == DatabaseProvider.Sqlite;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (migrate)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, options.Provider, pending);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        else
        {
            logger.LogInformation("Database migration at start is off for {Provider}", options.Provider);
        }
    }
}
