using System.Net;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.E2ETests.Infrastructure;

/// <summary>
/// The shared test app (<see cref="IpaasMonitorFactory"/>) on Kestrel (127.0.0.1, a free port) so a real browser can
/// reach it, with its database and logs in one temp folder that is deleted on dispose.
/// </summary>
public sealed class MonitorServer : IpaasMonitorFactory
{
    private readonly string folder;

    public MonitorServer()
        : this(Path.Combine(Path.GetTempPath(), $"ipaas-e2e-{Guid.NewGuid():N}"))
    {
    }

    private MonitorServer(string folder)
        : base(Path.Combine(folder, "ipaas.db"), logFolder: Path.Combine(folder, "logs"))
    {
        this.folder = folder;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The Kestrel address, known once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public void Start()
    {
        Directory.CreateDirectory(folder);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        ClientOptions.BaseAddress = BaseAddress;
    }

    /// <summary>Runs one diagram for one connection to the end, as the scheduler would.</summary>
    public async Task<Guid> RunAsync(string connection, int diagram) =>
        await RunDiagramAsync(connection, diagram)
            ?? throw new InvalidOperationException($"Diagram {diagram} for {connection} was skipped (lease held or disabled).");

    /// <summary>Inserts a message as a run would record it (payload and first attempt included).</summary>
    public async Task<IntegrationMessage> InsertAsync(string connection, int diagram, ItemResult result)
    {
        var message = MessageRecorder.NewMessage(connection, diagram, runId: null, "test", result, DateTime.UtcNow);
        await DbAsync(async db =>
        {
            db.Messages.Add(message);
            return await db.SaveChangesAsync();
        });
        return message;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is left behind, harmless.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // MudBlazor's CSS/JS and blazor.web.js are static web assets, served from the build output's manifest
        // only in Development unless asked for: without this the page renders but never becomes interactive.
        builder.UseStaticWebAssets();
    }
}
