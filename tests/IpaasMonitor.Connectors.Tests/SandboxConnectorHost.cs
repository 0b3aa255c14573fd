using IpaasMonitor.Sandbox;
using IpaasMonitor.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Connectors.Tests;

/// <summary>The real connector registration pointed at a real in-process sandbox (tenant-a / loja-a), no faults.</summary>
public sealed class SandboxConnectorHost : IAsyncDisposable
{
    public const string ConnectionId = "loja-a";

    private SandboxConnectorHost(SandboxHost sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        Services = services;
    }

    public SandboxHost Sandbox { get; }

    public ServiceProvider Services { get; }

    public ConnectorFactory Factory => Services.GetRequiredService<ConnectorFactory>();

    public static async Task<SandboxConnectorHost> StartAsync(
        int referenceCount = 20, IDictionary<string, string?>? overrides = null, double pricingWritesPerSecond = 0, Action<SandboxOptions>? configureSandbox = null)
    {
        var options = new SandboxOptions
        {
            Faults = [],
            ReferenceCount = referenceCount,
            ChangeInterval = TimeSpan.Zero,
            PricingWritesPerSecond = pricingWritesPerSecond,
            InventoryLockHold = TimeSpan.Zero,
        };
        configureSandbox?.Invoke(options);
        var sandbox = await SandboxHost.StartAsync(options);
        var tenant = SandboxOptions.DefaultErpTenants()[0];
        var account = SandboxOptions.DefaultVtexAccounts()[0];
        const string c = "IpaasMonitor:Connections:0:";
        var settings = new Dictionary<string, string?>
        {
            [c + "Id"] = ConnectionId,
            [c + "Erp:BaseAddress"] = sandbox.ErpBaseAddress(tenant.Name).ToString(),
            [c + "Erp:ClientId"] = tenant.ClientId,
            [c + "Erp:ClientSecret"] = tenant.ClientSecret,
            [c + "Erp:Username"] = tenant.Username,
            [c + "Erp:Password"] = tenant.Password,
            [c + "Erp:PageSize"] = "50",
            [c + "Vtex:Account"] = account.Name,
            [c + "Vtex:BaseAddress"] = sandbox.VtexBaseAddress(account.Name).ToString(),
            [c + "Vtex:PricingBaseAddress"] = sandbox.VtexPricingBaseAddress(account.Name).ToString(),
            [c + "Vtex:AppKey"] = account.AppKey,
            [c + "Vtex:AppToken"] = account.AppToken,
        };
        foreach (var system in new[] { "Erp", "Vtex", "VtexPricing" })
        {
            var r = $"IpaasMonitor:Resilience:{system}:";
            settings[r + "BaseDelay"] = "00:00:00";
            settings[r + "MaxDelay"] = "00:00:00";
            settings[r + "UseJitter"] = "false";
            settings[r + "PermitsPerSecond"] = "0";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddConnectors(configuration);
        return new SandboxConnectorHost(sandbox, services.BuildServiceProvider());
    }

    /// <summary>Every VTEX request the sandbox received (catalog, logistics and pricing), checked against VTEX's OpenAPI.</summary>
    public IReadOnlyList<string> ContractViolations() =>
    [
        .. Sandbox.State.Journal.Snapshot().SelectMany(e =>
            VtexOpenApiContract.Shared.Validate(e.Method, e.Path + e.Query, e.Body).Select(v => $"{e.Method} {e.Path}: {v}")),
    ];

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
