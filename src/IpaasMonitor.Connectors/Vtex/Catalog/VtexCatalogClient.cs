namespace IpaasMonitor.Connectors.Vtex.Catalog;

/// <summary>
/// VTEX Catalog API for one connection, grouped by resource (<see cref="Brands"/>; categories, products, SKUs and
/// specifications come next). Obtain it from <see cref="ConnectorFactory"/>.
/// </summary>
public sealed class VtexCatalogClient
{
    internal VtexCatalogClient(VtexApi api)
    {
        ConnectionId = api.ConnectionId;
        Brands = new VtexBrandEndpoints(api);
    }

    public string ConnectionId { get; }

    public VtexBrandEndpoints Brands { get; }
}
