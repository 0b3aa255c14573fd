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
        services.AddOrderDiagrams();
        return services;
    }

    /// <summary>The order diagrams 23–38 and what they share (the stage machine's store, the stage hand-off).</summary>
    public static IServiceCollection AddOrderDiagrams(this IServiceCollection services)
    {
        services.AddSingleton<Orders.OrderStore>();
        services.AddSingleton<Orders.OrderFlow>();
        services.AddSingleton<IDiagram, Orders.OrderConfigHubToVtex>();
        services.AddSingleton<IDiagram, Orders.OrderVtexToHub>();
        services.AddSingleton<IDiagram, Orders.OrderAckHubToVtex>();
        services.AddSingleton<IDiagram, Orders.OrderDetailVtexToHub>();
        services.AddSingleton<IDiagram, Orders.CustomerHubToErp>();
        services.AddSingleton<IDiagram, Orders.OrderHubToErp>();
        services.AddSingleton<IDiagram, Orders.InvoiceErpToHub>();
        services.AddSingleton<IDiagram, Orders.InvoiceHubToVtex>();
        services.AddSingleton<IDiagram, Orders.CancelErpToHub>();
        services.AddSingleton<IDiagram, Orders.CancelHubToVtex>();
        return services;
    }
}
