using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpaasMonitor.Diagrams;

public static class DiagramsServiceCollectionExtensions
{
    /// <summary>
    /// The diagram engine: one <see cref="IDiagram"/> per catalogue row (keyed by its number, built from the row's
    /// implementation), the registry, the runner (Hangfire entry point), leases, the node identity and watch (ADR-026), re-queue (one by one and in bulk, RequeueBatches) and sweeper, the failure groups, and what the
    /// diagrams share (hub, watermarks, the order store and stage hand-off).
    /// </summary>
    public static IServiceCollection AddDiagrams(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DiagramRegistry>();
        services.AddSingleton<DiagramLeases>();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<NodeWatch>();

        // Exclusive unless told: with the embedded SQLite the process is alone on its store (ADR-026).
        services.AddOptions<NodeOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.Exclusive = (sp.GetService<Data.DatabaseOptions>()?.Provider ?? Data.DatabaseProvider.Sqlite) == Data.DatabaseProvider.Sqlite;
            sp.GetService<IConfiguration>()?.GetSection(NodeOptions.SectionName).Bind(o);
        });
        services.AddSingleton<ProcessStart>();
        services.AddSingleton<Hub.HubStore>();
        services.AddSingleton<Hub.WatermarkStore>();
        services.AddSingleton<Orders.OrderStore>();
        services.AddSingleton<Orders.OrderFlow>();
        services.AddSingleton<CatalogChain>();
        services.AddSingleton<PendingJobs>();
        services.TryAddSingleton(new PendingJobsOptions());
        services.AddOptions<CatalogChainOptions>().BindConfiguration(CatalogChainOptions.SectionName);
        services.AddTransient<DiagramRunner>();
        services.AddTransient<RequeueSweeper>();
        services.AddTransient<MessageRetention>();
        services.AddTransient<Data.Storage.BusinessKeyIndexMerge>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations();
        services.AddTransient<MessageActions>();
        services.TryAddTransient<Data.Monitoring.MessageQueries>();
        services.TryAddTransient<Data.Monitoring.FailureGroupQueries>();
        services.AddTransient<RequeueBatches>();
        // Bound when there is a configuration (the app); a host without one (component tests) gets the defaults.
        services.AddOptions<RequeueOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(RequeueOptions.SectionName).Bind(o));
        services.AddTransient<DiagramSchedule>();
        foreach (var row in DiagramCatalog.All)
        {
            var implementation = row.Implementation;
            services.AddKeyedSingleton<IDiagram>(row.Number, (sp, _) => (IDiagram)ActivatorUtilities.CreateInstance(sp, implementation));
        }

        return services;
    }
}
