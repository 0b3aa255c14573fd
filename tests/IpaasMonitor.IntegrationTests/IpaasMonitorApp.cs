using IpaasMonitor.Data;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests;

/// <summary>
/// The real web app over a real SQLite file (real migrations) with the embedded sandbox on a loopback port and
/// Hangfire's in-memory server processing jobs. No recurring jobs: tests start runs themselves.
/// </summary>
public sealed class IpaasMonitorApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public IpaasMonitorApp(string? databaseFile = null, bool scheduling = true, IDictionary<string, string?>? extra = null)
    {
        DatabaseFile = databaseFile ?? Path.Combine(Path.GetTempPath(), $"ipaas-it-{Guid.NewGuid():N}.db");
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Scheduling:Enabled"] = scheduling ? "true" : "false",
            ["Scheduling:Recurring"] = "false",
            ["Scheduling:RunOnStart"] = "false",
            ["Scheduling:WorkerCount"] = "2",
            ["Sandbox:Embedded"] = "true",
            ["Sandbox:Faults"] = "false",
            ["Sandbox:ChangeInterval"] = "1.00:00:00",
            ["Logging:File"] = Path.Combine(Path.GetTempPath(), $"ipaas-it-logs-{Guid.NewGuid():N}", "log-.txt"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public string DatabaseFile { get; }

    /// <summary>Where this instance's Serilog file sink writes.</summary>
    public string LogFolder => Path.GetDirectoryName(settings["Logging:File"]!)!;

    public SandboxHost Sandbox => Services.GetRequiredService<Web.Hosting.EmbeddedSandbox>().Host;

    public string FirstConnection => "VA-CUSTOMIZADA";

    public async Task<Guid?> RunAsync(int diagram, string? connection = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<DiagramRunner>();
        return await runner.RunAsync(connection ?? FirstConnection, diagram, "test", CancellationToken.None);
    }

    public async Task<T> DbAsync<T>(Func<IpaasDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var factory = Services.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
    }
}
