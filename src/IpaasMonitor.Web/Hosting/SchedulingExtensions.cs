using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using IpaasMonitor.Data;

namespace IpaasMonitor.Web.Hosting;

/// <summary>Hangfire: SQL Server storage with SQL Server, in-memory storage with the embedded SQLite default (ADR-002).</summary>
public static class SchedulingExtensions
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var scheduling = configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddSingleton(scheduling);
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
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            }
        });

        if (scheduling.Enabled)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(1, scheduling.WorkerCount);
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }
}
