using System.Net.Http.Headers;
using IpaasMonitor.Connectors.Concurrency;
using IpaasMonitor.Connectors.Health;
using IpaasMonitor.Connectors.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Connectors;

/// <summary>Registration of the ERP and VTEX connectors.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at start) the "IpaasMonitor" section and registers, for every configured connection, the
    /// named HttpClients of the ERP, the VTEX account host and VTEX pricing, each with its own resilience pipeline
    /// (<see cref="ConnectorResilience"/>) and an attempt recorder inside it (<see cref="ConnectionHealthHandler"/>), plus
    /// <see cref="ConnectorFactory"/>, <see cref="ConnectorCircuitBreakers"/> and <see cref="IConnectionHealth"/>.
    /// Connection ids are read from <paramref name="configuration"/> now, so connections are fixed at start.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(IpaasMonitorOptions.SectionName);
        services.AddOptions<IpaasMonitorOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IpaasMonitorOptions>, IpaasMonitorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectorCircuitBreakers>();
        services.TryAddSingleton<ConnectionHealth>();
        services.TryAddSingleton<IConnectionHealth>(sp => sp.GetRequiredService<ConnectionHealth>());
        services.TryAddSingleton<ConnectorFactory>();
        services.TryAddSingleton<ConcurrencyLimits>();
        services.TryAddSingleton<IConcurrencyGauge>(sp => sp.GetRequiredService<ConcurrencyLimits>());

        foreach (var connectionId in ReadConnectionIds(section))
        {
            AddClient(services, ConnectorSystem.Erp, connectionId, (client, connection) =>
                client.BaseAddress = AsBase(connection.Erp.BaseAddress));

            AddClient(services, ConnectorSystem.Vtex, connectionId, (client, connection) =>
            {
                client.BaseAddress = AsBase(connection.Vtex.BaseAddress);
                AddVtexHeaders(client, connection.Vtex);
            });

            AddClient(services, ConnectorSystem.VtexPricing, connectionId, (client, connection) =>
            {
                client.BaseAddress = AsBase(connection.Vtex.PricingBaseAddress);
                AddVtexHeaders(client, connection.Vtex);
            });
        }

        return services;
    }

    private static void AddClient(
        IServiceCollection services, ConnectorSystem system, string connectionId, Action<HttpClient, ConnectionOptions> configure)
    {
        var client = services.AddHttpClient(ConnectorClientNames.For(system, connectionId))
            .ConfigureHttpClient((provider, client) =>
            {
                var connection = provider.GetRequiredService<IOptions<IpaasMonitorOptions>>().Value.Connections
                    .First(c => string.Equals(c.Id, connectionId, StringComparison.Ordinal));
                configure(client, connection);
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

                // The pipeline owns every timeout (attempt and total); HttpClient's own 100 s would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Header values never reach the logs (Authorization, AppKey, AppToken and any other).
            .RedactLoggedHeaders(_ => true)
            .AddConnectorResilience(system, connectionId);
        if (system is ConnectorSystem.Vtex or ConnectorSystem.VtexPricing)
        {
            // Inside the resilience pipeline: every attempt takes a permit of its route and reports its answer (ADR-023).
            client.AddHttpMessageHandler(sp => new AdaptiveConcurrencyHandler(
                sp.GetRequiredService<ConcurrencyLimits>(), system, connectionId, sp.GetRequiredService<TimeProvider>()));
        }

        // Added after the pipeline, so inside it (and innermost): every attempt feeds the connection health (IConnectionHealth).
        client.AddHttpMessageHandler(provider => new ConnectionHealthHandler(provider.GetRequiredService<ConnectionHealth>(), system, connectionId));
    }

    private static void AddVtexHeaders(HttpClient client, VtexOptions vtex)
    {
        client.DefaultRequestHeaders.Add("X-VTEX-API-AppKey", vtex.AppKey);
        client.DefaultRequestHeaders.Add("X-VTEX-API-AppToken", vtex.AppToken);
    }

    /// <summary>A base address ending in '/', so relative paths append instead of replacing the last segment.</summary>
    private static Uri? AsBase(string address) =>
        string.IsNullOrWhiteSpace(address)
            ? null
            : new Uri(address.EndsWith('/') ? address : address + "/", UriKind.Absolute);

    private static IEnumerable<string> ReadConnectionIds(IConfigurationSection section) =>
        section.GetSection("Connections").GetChildren()
            .Select(child => child["Id"])
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Select(id => id!)
            .Distinct(StringComparer.Ordinal);
}
