using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Testing;

/// <summary>A real store with its provider's real migrations: <see cref="SqliteTestDatabase"/> or <see cref="PostgreSqlTestDatabase"/>.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    DatabaseProvider Provider { get; }

    string ConnectionString { get; }

    IDbContextFactory<IpaasDbContext> Factory { get; }

    Task InsertAsync(params IntegrationMessage[] messages);

    Task InsertAsync(IEnumerable<object> entities);
}

/// <summary>Creates the test database of a provider.</summary>
public static class TestDatabases
{
    public static async Task<ITestDatabase> CreateAsync(DatabaseProvider provider, Action<DbContextOptionsBuilder>? configure = null) => provider switch
    {
        DatabaseProvider.Sqlite => await SqliteTestDatabase.CreateAsync(configure),
        DatabaseProvider.PostgreSql => await PostgreSqlTestDatabase.CreateAsync(configure),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No test database for this provider."),
    };
}
