using System.Collections.Concurrent;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Vtex;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Connectors.Vtex.Logistics;
using IpaasMonitor.Connectors.Vtex.Pricing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Connectors;

/// <summary>
/// Gives the clients of a connection (tenant). Clients are cheap views over the per-connection named HttpClients;
/// what must live as long as the process (the ERP token cache) is kept here, one per connection.
/// </summary>
public sealed class ConnectorFactory
{
    private readonly IHttpClientFactory httpClientFactory;
    private readonly IpaasMonitorOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILoggerFactory loggerFactory;
    private readonly ConcurrentDictionary<string, ErpTokenProvider> tokens = new(StringComparer.Ordinal);

    public ConnectorFactory(
        IHttpClientFactory httpClientFactory, IOptions<IpaasMonitorOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.loggerFactory = loggerFactory;
    }

    /// <summary>Ids of the configured connections, in configuration order.</summary>
    public IReadOnlyList<string> ConnectionIds => [.. options.Connections.Select(c => c.Id)];

    /// <summary>The configuration of a connection; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public ConnectionOptions GetConnection(string connectionId) =>
        options.Connections.FirstOrDefault(c => string.Equals(c.Id, connectionId, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException(
            $"Connection '{connectionId}' is not configured (known: {string.Join(", ", ConnectionIds)}).");

    public ErpClient GetErpClient(string connectionId)
    {
        var connection = GetConnection(connectionId);
        var name = ConnectorClientNames.For(ConnectorSystem.Erp, connection.Id);
        HttpClient CreateClient() => httpClientFactory.CreateClient(name);
        var tokens = this.tokens.GetOrAdd(connection.Id, id => new ErpTokenProvider(
            CreateClient, connection.Erp, id, timeProvider, loggerFactory.CreateLogger<ErpClient>()));
        return new ErpClient(CreateClient, tokens, connection.Erp, connection.Id, timeProvider, loggerFactory.CreateLogger<ErpClient>());
    }

    public VtexCatalogClient GetVtexCatalogClient(string connectionId)
    {
        var connection = GetConnection(connectionId);
        var name = ConnectorClientNames.For(ConnectorSystem.Vtex, connection.Id);
        return new VtexCatalogClient(new VtexApi(() => httpClientFactory.CreateClient(name), ConnectorSystem.Vtex, connection.Id));
    }

    /// <summary>Pricing API v2 (its own host and rate limiter).</summary>
    public VtexPricingClient GetVtexPricingClient(string connectionId)
    {
        var connection = GetConnection(connectionId);
        var name = ConnectorClientNames.For(ConnectorSystem.VtexPricing, connection.Id);
        return new VtexPricingClient(new VtexApi(() => httpClientFactory.CreateClient(name), ConnectorSystem.VtexPricing, connection.Id));
    }

    /// <summary>Logistics inventory (on the account host).</summary>
    public VtexLogisticsClient GetVtexLogisticsClient(string connectionId)
    {
        var connection = GetConnection(connectionId);
        var name = ConnectorClientNames.For(ConnectorSystem.Vtex, connection.Id);
        return new VtexLogisticsClient(new VtexApi(() => httpClientFactory.CreateClient(name), ConnectorSystem.Vtex, connection.Id));
    }

    /// <summary>VTEX OMS, feed v3 and hook for the connection's account.</summary>
    public Vtex.Orders.VtexOrdersClient GetVtexOrdersClient(string connectionId)
    {
        var connection = GetConnection(connectionId);
        var name = ConnectorClientNames.For(ConnectorSystem.Vtex, connection.Id);
        return new Vtex.Orders.VtexOrdersClient(new VtexApi(() => httpClientFactory.CreateClient(name), ConnectorSystem.Vtex, connection.Id));
    }
}
