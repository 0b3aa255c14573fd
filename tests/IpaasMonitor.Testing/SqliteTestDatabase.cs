using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Testing;

/// <summary>A real SQLite file with the real migrations applied; deleted on dispose.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly ServiceProvider provider;

    private SqliteTestDatabase(string path, Action<DbContextOptionsBuilder>? configure)
    {
        Path = path;
        ConnectionString = $"Data Source={path}";
        var services = new ServiceCollection();
        services.AddDbContextFactory<IpaasDbContext>(b =>
        {
            DataServiceCollectionExtensions.Configure(b, DatabaseProvider.Sqlite, ConnectionString);
            configure?.Invoke(b);
        });
        provider = services.BuildServiceProvider();
        Factory = provider.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
    }

    public string Path { get; }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ConnectionString { get; }

    public IDbContextFactory<IpaasDbContext> Factory { get; }

    /// <summary>Creates the file and applies the migrations; <paramref name="configure"/> adds to the context options (e.g. an interceptor).</summary>
    public static async Task<SqliteTestDatabase> CreateAsync(Action<DbContextOptionsBuilder>? configure = null)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ipaasmonitor-test-{Guid.NewGuid():N}.db");
        var database = new SqliteTestDatabase(path, configure);
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    public async Task InsertAsync(params IntegrationMessage[] messages)
    {
        await using var db = await Factory.CreateDbContextAsync();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    public async Task InsertAsync(IEnumerable<object> entities)
    {
        await using var db = await Factory.CreateDbContextAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
