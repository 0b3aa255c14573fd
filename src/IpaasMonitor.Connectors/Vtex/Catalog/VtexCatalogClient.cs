namespace IpaasMonitor.Connectors.Vtex.Catalog;

/// <summary>VTEX Catalog API for one connection, grouped by resource. Obtain it from <see cref="ConnectorFactory"/>.</summary>
public sealed class VtexCatalogClient
{
    internal VtexCatalogClient(VtexApi api)
    {
        ConnectionId = api.ConnectionId;
        Brands = new VtexBrandEndpoints(api);
        Categories = new VtexCategoryEndpoints(api);
        Products = new VtexProductEndpoints(api);
        Skus = new VtexSkuEndpoints(api);
        Specifications = new VtexSpecificationEndpoints(api);
        Complements = new VtexComplementEndpoints(api);
    }

    public string ConnectionId { get; }

    public VtexBrandEndpoints Brands { get; }

    public VtexCategoryEndpoints Categories { get; }

    public VtexProductEndpoints Products { get; }

    public VtexSkuEndpoints Skus { get; }

    public VtexSpecificationEndpoints Specifications { get; }

    public VtexComplementEndpoints Complements { get; }
}
