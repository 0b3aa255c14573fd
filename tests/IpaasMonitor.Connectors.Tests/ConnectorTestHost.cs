using System.Globalization;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Testing;
using IpaasMonitor.Testing.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Connectors.Tests;

/// <summary>
/// A FakeServer playing both TOTVS (at the root) and the VTEX account "loja-a" (under /vtex/loja-a/), and the real
/// connector registration (<see cref="ConnectorServiceCollectionExtensions.AddConnectors"/>) pointed at it, with
/// zero retry delays and short timeouts.
/// </summary>
public sealed class ConnectorTestHost : IAsyncDisposable
{
    public const string ConnectionId = "loja-a";
    public const string VtexPrefix = "/vtex/loja-a";
    public const string TokenPath = "/api/totvsmoda/authorization/v2/token";

    private ConnectorTestHost(FakeServer server, ServiceProvider services)
    {
        Server = server;
        Services = services;
    }

    public FakeServer Server { get; }

    public ServiceProvider Services { get; }

    public ConnectorFactory Factory => Services.GetRequiredService<ConnectorFactory>();

    public ErpClient Erp => Factory.GetErpClient(ConnectionId);

    public VtexCatalogClient Catalog => Factory.GetVtexCatalogClient(ConnectionId);

    public static async Task<ConnectorTestHost> StartAsync(
        IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var server = await FakeServer.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Settings(server.BaseAddress, overrides))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddConnectors(configuration);
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ConnectorTestHost(server, provider);
    }

    /// <summary>The settings of one connection pointing at <paramref name="server"/>, then <paramref name="overrides"/>.</summary>
    public static Dictionary<string, string?> Settings(Uri server, IDictionary<string, string?>? overrides = null)
    {
        const string c = "IpaasMonitor:Connections:0:";
        var settings = new Dictionary<string, string?>
        {
            [c + "Id"] = ConnectionId,
            [c + "Erp:BaseAddress"] = server.ToString(),
            [c + "Erp:ClientId"] = "client-id",
            [c + "Erp:ClientSecret"] = "client-secret",
            [c + "Erp:Username"] = "integracao",
            [c + "Erp:Password"] = "s3cret",
            [c + "Erp:PageSize"] = "2",
            [c + "Vtex:Account"] = "lojaa",
            [c + "Vtex:BaseAddress"] = new Uri(server, VtexPrefix.TrimStart('/')).ToString(),
            [c + "Vtex:PricingBaseAddress"] = new Uri(server, "vtex-pricing/loja-a/").ToString(),
            [c + "Vtex:AppKey"] = "vtexappkey-lojaa-XYZ",
            [c + "Vtex:AppToken"] = "APP-TOKEN-VALUE",
        };
        foreach (var system in new[] { "Erp", "Vtex", "VtexPricing" })
        {
            var r = $"IpaasMonitor:Resilience:{system}:";
            settings[r + "BaseDelay"] = "00:00:00";
            settings[r + "MaxDelay"] = "00:00:00";
            settings[r + "UseJitter"] = "false";
            settings[r + "MaxRetryAttempts"] = "3";
            settings[r + "AttemptTimeout"] = "00:00:05";
            settings[r + "TotalTimeout"] = "00:00:30";
            settings[r + "PermitsPerSecond"] = "0";
            settings[r + "BreakerMinimumThroughput"] = "100";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string Vtex(string path) => VtexPrefix + "/" + path.TrimStart('/');

    /// <summary>Answers the token endpoint with a fresh token each time ("token-1", "token-2", …).</summary>
    public void ServeTokens(int expiresIn = 3600, TimeSpan? delay = null)
    {
        var issued = 0;
        Server.On("POST", TokenPath, _ => FakeResponse.Json(new Dictionary<string, object>
        {
            ["access_token"] = "token-" + Interlocked.Increment(ref issued).ToString(CultureInfo.InvariantCulture),
            ["token_type"] = "Bearer",
            ["expires_in"] = expiresIn,
            ["refresh_token"] = "refresh",
        }).WithDelay(delay ?? TimeSpan.Zero));
    }

    /// <summary>Every request sent to the VTEX account host, checked against VTEX's OpenAPI.</summary>
    public IReadOnlyList<string> VtexContractViolations()
    {
        var contract = VtexOpenApiContract.Shared;
        return
        [
            .. Server.Requests
                .Where(r => r.Path.StartsWith(VtexPrefix + "/", StringComparison.Ordinal))
                .SelectMany(r => contract.Validate(r.Method, r.Path[VtexPrefix.Length..] + r.QueryString, r.Body)),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
