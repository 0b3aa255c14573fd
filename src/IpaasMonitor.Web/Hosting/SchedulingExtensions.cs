using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using IpaasMonitor.Data;
using IpaasMonitor.Diagrams.Catalog;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// Hangfire: SQL Server storage with SQL Server, PostgreSQL storage with PostgreSQL (ADR-020), both in the store's own
/// database (schema <c>hangfire</c>); in-memory storage with the embedded SQLite default (ADR-002).
/// </summary>
public static class SchedulingExtensions
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var scheduling = configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddSingleton(scheduling);

        // Hangfire's in-memory storage (the embedded SQLite default) loses its jobs with the process: the chained and
        // delayed runs and the retention purge are recorded in the store and enqueued again at start (ADR-027).
        services.AddSingleton(sp => new Diagrams.Running.PendingJobsOptions { Record = sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite });
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            var database = sp.GetRequiredService<DatabaseOptions>();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
            }
            else if (database.Provider == DatabaseProvider.PostgreSql)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString), PostgreSqlStorage(scheduling));
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            }
        });

        if (scheduling.Enabled)
        {
            var orderWorkers = scheduling.OrderWorkerCount > 0;
            var maintenanceWorkers = scheduling.MaintenanceWorkerCount > 0;
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(1, scheduling.WorkerCount);
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.Queues = DefaultServerQueues(scheduling);
            });
            if (maintenanceWorkers)
            {
                // The sweeper, the re-queued messages' jobs and the failure groups' refresh: in the kill -9 soak two first
                // full SKU sends of 10 held every default worker for more than 8 minutes, and the sweeper and the re-queues
                // queued behind them never ran (ADR-027 amendment). Every process that runs jobs has these workers.
                services.AddHangfireServer(o =>
                {
                    o.WorkerCount = scheduling.MaintenanceWorkerCount;
                    o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:maintenance";
                    o.Queues = [Diagrams.Running.JobQueues.Maintenance];
                });
            }

            // The alert evaluator and its notifications have a worker of their own: a failing system can hold every
            // diagram worker in retries for minutes, which is when the alerts about it matter (ADR-022 amendment).
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = 1;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:alerts";
                o.Queues = [Alerts.AlertsServiceCollectionExtensions.Queue];
            });

            // Bulk re-queues go on where this process runs jobs; registered after StartupTasks (Program.cs), so the store
            // is migrated before its first step (ADR-017).
            services.AddHostedService<Diagrams.Running.RequeueBatchProcessor>();
            if (orderWorkers)
            {
                // Orders keep flowing while a long catalogue run holds the default workers (ADR-006 has the leases).
                services.AddHangfireServer(o =>
                {
                    o.WorkerCount = scheduling.OrderWorkerCount;
                    o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:orders";
                    o.Queues = [DiagramDefinition.OrdersQueue];
                });
            }
        }

        return services;
    }

    /// <summary>
    /// The queues of the default workers: the default queue, plus the orders' and the maintenance queue when they have no
    /// workers of their own (their count set to 0), first so that their short jobs go before the next catalogue run.
    /// </summary>
    public static string[] DefaultServerQueues(SchedulingOptions scheduling)
    {
        ArgumentNullException.ThrowIfNull(scheduling);
        var queues = new List<string>();
        if (scheduling.MaintenanceWorkerCount <= 0)
        {
            queues.Add(Diagrams.Running.JobQueues.Maintenance);
        }

        if (scheduling.OrderWorkerCount <= 0)
        {
            queues.Add(DiagramDefinition.OrdersQueue);
        }

        queues.Add(DiagramDefinition.DefaultQueue);
        return [.. queues];
    }

    /// <summary>
    /// Hangfire.PostgreSql's options: LISTEN/NOTIFY wakes a worker when a job is enqueued (the poll interval is only the
    /// fallback), and a sliding invisibility timeout returns the job of a dead node to the queue within minutes instead
    /// of the default 30 (ADR-020).
    /// </summary>
    public static PostgreSqlStorageOptions PostgreSqlStorage(SchedulingOptions scheduling)
    {
        ArgumentNullException.ThrowIfNull(scheduling);
        return new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            EnableLongPolling = true,
            QueuePollInterval = scheduling.QueuePollInterval,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
        };
    }
}
