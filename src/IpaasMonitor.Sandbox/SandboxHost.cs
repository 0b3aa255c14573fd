using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IpaasMonitor.Sandbox;

/// <summary>
/// A sandbox on its own Kestrel server bound to 127.0.0.1 (tests, benchmarks, the embedded demo).
/// Client base addresses: <c>{BaseAddress}erp/{tenant}/</c>, <c>{BaseAddress}vtex/{account}/</c>,
/// <c>{BaseAddress}vtex-pricing/{account}/</c>.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SandboxHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        State = app.Services.GetRequiredService<SandboxState>();
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public SandboxState State { get; }

    /// <summary>Base address of an ERP tenant, e.g. <c>http://127.0.0.1:41234/erp/tenant-a/</c>.</summary>
    public Uri ErpBaseAddress(string tenant) => new(BaseAddress, $"erp/{tenant}/");

    /// <summary>Base address of a VTEX account (catalog, logistics, OMS), e.g. <c>http://127.0.0.1:41234/vtex/loja-a/</c>.</summary>
    public Uri VtexBaseAddress(string account) => new(BaseAddress, $"vtex/{account}/");

    /// <summary>Base address of VTEX pricing for an account, e.g. <c>http://127.0.0.1:41234/vtex-pricing/loja-a/</c>.</summary>
    public Uri VtexPricingBaseAddress(string account) => new(BaseAddress, $"vtex-pricing/{account}/");

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSandbox(options);

        var app = builder.Build();
        app.MapSandbox();
        try
        {
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel reported no address.");
            var port = new Uri(address).Port;
            return new SandboxHost(app, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
