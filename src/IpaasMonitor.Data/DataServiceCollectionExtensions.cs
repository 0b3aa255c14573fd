using System.Data.Common;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "IpaasMonitor.Data.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "IpaasMonitor.Data.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "IpaasMonitor.Data.Migrations.PostgreSql";

    /// <summary>Registers the message store with the provider chosen by the "Database" section.</summary>
    public static IServiceCollection AddIpaasMonitorData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(options, contentRoot);
        options.ConnectionString = connectionString;
        services.AddSingleton(options);
        services.AddDbContextFactory<IpaasDbContext>(builder => Configure(builder, options.Provider, connectionString));
        return services;
    }

    public static string ResolveConnectionString(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"Database:ConnectionString is required when Database:Provider is {options.Provider} " +
                "(environment variable Database__ConnectionString).");
        }

        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "ipaasmonitor.db")}";
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout (`Default Timeout`, 30 s unless the
                // connection string says otherwise): that is the busy timeout. An operation still refused after it is run
                // again by the execution strategy.
                builder.UseSqlite(connectionString, o =>
                {
                    o.MigrationsAssembly(SqliteMigrationsAssembly);
                    o.ExecutionStrategy(d => new SqliteBusyRetryStrategy(d));
                });
                builder.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o =>
                {
                    o.MigrationsAssembly(SqlServerMigrationsAssembly);
                    o.EnableRetryOnFailure();
                });
                break;
            case DatabaseProvider.PostgreSql:
                // Retrying on transient failures (a failover, a dropped connection, a deadlock), as on SQL Server: every
                // explicit transaction of the store runs inside CreateExecutionStrategy().ExecuteAsync, the only place a
                // retrying strategy accepts one (ADR-020 amendment).
                builder.UseNpgsql(connectionString, o =>
                {
                    o.MigrationsAssembly(PostgreSqlMigrationsAssembly);
                    o.EnableRetryOnFailure();
                });

                // The message's payload and attempts carry no foreign key to it on PostgreSQL (ADR-020 amendment).
                builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsSqlGenerator, Storage.PostgreSqlMigrationsSqlGenerator>();
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }
    }

    /// <summary>Per-connection SQLite settings: WAL is persistent (set at migration), these are not.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;";
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
