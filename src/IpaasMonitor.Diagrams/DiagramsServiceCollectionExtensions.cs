using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpaasMonitor.Diagrams;

public static class DiagramsServiceCollectionExtensions
{
    /// <summary>The diagram engine: catalogue registry, the runner (Hangfire entry point), leases, re-queue and sweeper.</summary>
    public static IServiceCollection AddDiagrams(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DiagramRegistry>();
        services.AddSingleton<DiagramLeases>();
        services.AddSingleton<Hub.HubStore>();
        services.AddSingleton<Hub.WatermarkStore>();
        services.AddTransient<DiagramRunner>();
        services.AddTransient<RequeueSweeper>();
        services.AddTransient<MessageRetention>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations();
        services.AddTransient<MessageActions>();
        services.AddTransient<DiagramSchedule>();
        services.AddSingleton<IDiagram, Brands.BrandErpToHub>();
        services.AddSingleton<IDiagram, Brands.BrandHubToVtex>();
        return services;
    }
}
