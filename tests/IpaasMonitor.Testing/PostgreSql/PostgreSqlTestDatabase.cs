using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Testing.PostgreSql;

/// <summary>A database of its own on the test PostgreSQL server with the real PostgreSQL migrations applied; dropped on dispose.</summary>
public sealed class PostgreSqlTestDatabase : ITestDatabase
{
    private readonly ServiceProvider provider;

    private PostgreSqlTestDatabase(string connectionString, Action<DbContextOptionsBuilder>? configure)
    {
        ConnectionString = connectionString;
        var services = new ServiceCollection();
        services.AddDbContextFactory<IpaasDbContext>(b =>
        {
            DataServiceCollectionExtensions.Configure(b, DatabaseProvider.PostgreSql, ConnectionString);
            configure?.Invoke(b);
        });
        provider = services.BuildServiceProvider();
        Factory = provider.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
    }

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string ConnectionString { get; }

    public IDbContextFactory<IpaasDbContext> Factory { get; }

    /// <summary>Creates the database and applies the migrations; <paramref name="configure"/> adds to the context options.</summary>
    public static async Task<PostgreSqlTestDatabase> CreateAsync(Action<DbContextOptionsBuilder>? configure = null)
    {
        var database = new PostgreSqlTestDatabase(PostgreSqlTestServer.CreateDatabase("ipaas_test"), configure);
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
        await PostgreSqlTestServer.DropDatabaseAsync(ConnectionString);
    }
}
