using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IpaasMonitor.Sandbox;

namespace IpaasMonitor.Web.Hosting;

/// <summary>
/// The demo's outer systems (ADR-007): the sandbox listens on its own loopback port, and every connection setting
/// left empty (ERP and VTEX base addresses, demo credentials) is filled from the sandbox's tenants, so the adapters
/// use the real HTTP stack. Settings given by configuration or environment always win.
/// The sandbox host is started by a hosted service (not while Program builds the app), so that only one host is
/// built during start-up: WebApplicationFactory takes the first host built as the application.
/// </summary>
public sealed class EmbeddedSandbox(SandboxOptions options, ILogger<EmbeddedSandbox> logger) : IHostedService, IAsyncDisposable
{
    public const string SectionName = "Sandbox";

    private SandboxHost? host;

    /// <summary>The running sandbox (tests use it to inject faults and inspect requests).</summary>
    public SandboxHost Host => host ?? throw new InvalidOperationException("The embedded sandbox has not started.");

    public static bool AddEmbeddedSandbox(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(SectionName);
        if (!section.GetValue("Embedded", false))
        {
            return false;
        }

        var defaults = new SandboxOptions();
        var options = new SandboxOptions
        {
            Port = section.GetValue("Port", 0) is var port and > 0 ? port : FreeLoopbackPort(),
            Seed = section.GetValue("Seed", defaults.Seed),
            BrandCount = section.GetValue("BrandCount", defaults.BrandCount),
            ReferenceCount = section.GetValue("ReferenceCount", defaults.ReferenceCount),
            ChangeInterval = section.GetValue("ChangeInterval", defaults.ChangeInterval),
        };
        section.GetSection("Orders").Bind(options.Orders);

        // The demo answers like the real systems: VTEX's latency and limits are on unless the settings say otherwise.
        options.Latency.Enabled = true;
        options.RateLimits.Enabled = true;
        section.GetSection("Latency").Bind(options.Latency);
        section.GetSection("RateLimits").Bind(options.RateLimits);
        if (!section.GetValue("Faults", true))
        {
            options.Faults = [];
        }

        var baseAddress = new Uri($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}/");
        var tenants = SandboxOptions.DefaultErpTenants();
        var accounts = SandboxOptions.DefaultVtexAccounts();
        var connections = builder.Configuration.GetSection("IpaasMonitor:Connections").GetChildren().ToList();
        var fill = new Dictionary<string, string?>();
        for (var i = 0; i < connections.Count; i++)
        {
            var tenant = tenants[i % tenants.Count];
            var account = accounts[i % accounts.Count];
            var prefix = $"IpaasMonitor:Connections:{i.ToString(CultureInfo.InvariantCulture)}:";
            void Fill(string key, string value)
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration[prefix + key]))
                {
                    fill[prefix + key] = value;
                }
            }

            Fill("Erp:BaseAddress", new Uri(baseAddress, $"erp/{tenant.Name}/").ToString());
            Fill("Erp:ClientId", tenant.ClientId);
            Fill("Erp:ClientSecret", tenant.ClientSecret);
            Fill("Erp:Username", tenant.Username);
            Fill("Erp:Password", tenant.Password);
            Fill("Vtex:Account", account.Name);
            Fill("Vtex:BaseAddress", new Uri(baseAddress, $"vtex/{account.Name}/").ToString());
            Fill("Vtex:PricingBaseAddress", new Uri(baseAddress, $"vtex-pricing/{account.Name}/").ToString());
            Fill("Vtex:AppKey", account.AppKey);
            Fill("Vtex:AppToken", account.AppToken);
        }

        builder.Configuration.AddInMemoryCollection(fill);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<EmbeddedSandbox>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedSandbox>());
        return true;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        host = await SandboxHost.StartAsync(options, cancellationToken);
        logger.LogInformation("Embedded sandbox (fake TOTVS Moda ERP + VTEX) at {SandboxAddress}", host.BaseAddress);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
            host = null;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
