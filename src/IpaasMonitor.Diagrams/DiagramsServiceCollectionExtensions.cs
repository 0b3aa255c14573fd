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
        services.AddTransient<Data.Storage.BusinessKeyIndexMerge>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations();
        services.AddTransient<MessageActions>();
        services.AddTransient<DiagramSchedule>();
        services.AddSingleton<IDiagram, Brands.BrandErpToHub>();
        services.AddSingleton<IDiagram, Brands.BrandHubToVtex>();
        services.AddCatalogDiagrams();
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

    /// <summary>Diagrams 03–22 and 39. Rows that differ only by parameters share a class (main/branch stock and prices).</summary>
    private static void AddCatalogDiagrams(this IServiceCollection services)
    {
        services.AddSingleton<IDiagram, Categories.CategoryErpToHub>();
        services.AddSingleton<IDiagram, Categories.CategoryHubToVtex>();
        services.AddSingleton<IDiagram, Products.ProductErpToHub>();
        services.AddSingleton<IDiagram, Products.ProductHubToVtex>();
        services.AddSingleton<IDiagram, ProductSpecifications.ProductSpecificationErpToHub>();
        services.AddSingleton<IDiagram, ProductSpecifications.ProductSpecificationHubToVtex>();
        services.AddSingleton<IDiagram, Skus.SkuErpToHub>();
        services.AddSingleton<IDiagram, Skus.SkuHubToVtex>();
        services.AddSingleton<IDiagram, SkuSpecifications.SkuSpecificationErpToHub>();
        services.AddSingleton<IDiagram, SkuSpecifications.SkuSpecificationHubToVtex>();
        services.AddSingleton<IDiagram>(sp => ActivatorUtilities.CreateInstance<Stock.StockErpToHub>(sp, false));
        services.AddSingleton<IDiagram>(sp => ActivatorUtilities.CreateInstance<Stock.StockHubToVtex>(sp, false));
        services.AddSingleton<IDiagram>(sp => ActivatorUtilities.CreateInstance<Stock.StockErpToHub>(sp, true));
        services.AddSingleton<IDiagram>(sp => ActivatorUtilities.CreateInstance<Stock.StockHubToVtex>(sp, true));
        services.AddSingleton<IDiagram, Similars.SimilarErpToHub>();
        services.AddSingleton<IDiagram, Similars.SimilarHubToVtex>();
        services.AddSingleton<IDiagram>(sp => ActivatorUtilities.CreateInstance<Prices.PriceTableErpToHub>(sp, false));
        services.AddSingleton<IDiagram, Prices.PriceHubToVtex>();
        services.AddSingleton<IDiagram>(sp => ActivatorUtilities.CreateInstance<Prices.PriceTableErpToHub>(sp, true));
        services.AddSingleton<IDiagram, Prices.BranchPriceHubToVtex>();
        services.AddSingleton<IDiagram, Reprocess.Reprocess24h>();
    }
}
