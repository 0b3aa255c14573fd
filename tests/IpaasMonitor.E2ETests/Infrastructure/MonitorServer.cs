using System.Net;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox;
using IpaasMonitor.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.E2ETests.Infrastructure;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) so a real browser can reach it: a temp SQLite file with the
/// real migrations, the embedded sandbox (fake TOTVS + VTEX) without random faults, and Hangfire's in-memory
/// server to process re-queues. Nothing runs on its own (no recurring jobs, no first run): tests start runs.
/// </summary>
public sealed class MonitorServer : WebApplicationFactory<Program>
{
    public const string FirstConnection = "VA-CUSTOMIZADA";
    public const string SecondConnection = "MODA-CENTRO";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"ipaas-e2e-{Guid.NewGuid():N}");

    public MonitorServer() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    /// <summary>The Kestrel address, known once <see cref="Start"/> has run.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public SandboxHost Sandbox => Services.GetRequiredService<EmbeddedSandbox>().Host;

    public void Start()
    {
        Directory.CreateDirectory(folder);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        ClientOptions.BaseAddress = BaseAddress;
    }

    /// <summary>Runs one diagram for one connection to the end, as the scheduler would.</summary>
    public async Task<Guid> RunAsync(string connection, int diagram)
    {
        await using var scope = Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<DiagramRunner>();
        return await runner.RunAsync(connection, diagram, "test", CancellationToken.None)
            ?? throw new InvalidOperationException($"Diagram {diagram} for {connection} was skipped (lease held or disabled).");
    }

    public async Task<T> DbAsync<T>(Func<IpaasDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var factory = Services.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

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
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "ipaas.db")}",
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:Recurring"] = "false",
            ["Scheduling:RunOnStart"] = "false",
            ["Scheduling:WorkerCount"] = "2",
            ["Sandbox:Embedded"] = "true",
            ["Sandbox:Faults"] = "false",
            ["Sandbox:ChangeInterval"] = "1.00:00:00",
            ["Logging:File"] = Path.Combine(folder, "logs", "log-.txt"),
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");

        // MudBlazor's CSS/JS and blazor.web.js are static web assets, served from the build output's manifest
        // only in Development unless asked for: without this the page renders but never becomes interactive.
        builder.UseStaticWebAssets();
    }
}
