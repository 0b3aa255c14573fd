using IpaasMonitor.Data;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox;
using IpaasMonitor.Testing.PostgreSql;
using IpaasMonitor.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Testing;

/// <summary>
/// The real web app for tests: a real SQLite file (or a PostgreSQL database of its own, created here and dropped on
/// dispose, Hangfire's storage in it too) with the real migrations, the embedded sandbox (fake TOTVS + VTEX)
/// on a loopback port without random faults or timed changes, and Hangfire's in-memory server processing jobs.
/// Nothing runs on its own (no recurring jobs, no first run): tests start runs. The integration tests use it as it
/// is; the browser tests put it on Kestrel.
/// </summary>
public class IpaasMonitorFactory : WebApplicationFactory<Program>
{
    public const string FirstConnection = "VA-CUSTOMIZADA";
    public const string SecondConnection = "MODA-CENTRO";

    /// <summary>The CPF/CNPJ search's key in tests (so the demo's key file is never written under the source tree).</summary>
    public const string TestDocumentKey = "dGVzdC1kb2N1bWVudC1zZWFyY2gta2V5LTMyLWJ5dGVzLWxvbmch";

    private readonly Dictionary<string, string?> settings;
    private readonly bool ownedDatabase;

    /// <param name="databaseFile">The SQLite file; a new temp file when null (pass one to restart on the same store).</param>
    /// <param name="scheduling">Whether this process runs a Hangfire server (re-queues, chained order stages).</param>
    /// <param name="extra">Settings that override or add to the test defaults.</param>
    /// <param name="logFolder">Where Serilog's file sink writes; a new temp folder when null.</param>
    public IpaasMonitorFactory(string? databaseFile = null, bool scheduling = true, IDictionary<string, string?>? extra = null, string? logFolder = null)
        : this(DatabaseProvider.Sqlite, databaseFile, scheduling, extra, logFolder)
    {
    }

    /// <param name="provider">Sqlite or PostgreSql (a new database on the test server, see <see cref="PostgreSqlTestServer"/>).</param>
    /// <param name="database">
    /// SQLite: the file, a new temp file when null. PostgreSQL: the connection string of a database to use (and leave),
    /// e.g. to restart on the same store; when null a new database is created and dropped when this app is disposed.
    /// </param>
    /// <param name="scheduling">Whether this process runs a Hangfire server (re-queues, chained order stages).</param>
    /// <param name="extra">Settings that override or add to the test defaults.</param>
    /// <param name="logFolder">Where Serilog's file sink writes; a new temp folder when null.</param>
    public IpaasMonitorFactory(DatabaseProvider provider, string? database, bool scheduling = true, IDictionary<string, string?>? extra = null, string? logFolder = null)
    {
        Provider = provider;
        string connectionString;
        if (provider == DatabaseProvider.PostgreSql)
        {
            ownedDatabase = database is null;
            connectionString = database ?? PostgreSqlTestServer.CreateDatabase("ipaas_it");
            DatabaseFile = connectionString;
        }
        else
        {
            DatabaseFile = database ?? Path.Combine(Path.GetTempPath(), $"ipaas-it-{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={DatabaseFile}";
        }

        LogFolder = logFolder ?? Path.Combine(Path.GetTempPath(), $"ipaas-it-logs-{Guid.NewGuid():N}");
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Scheduling:QueuePollInterval"] = "00:00:01",
            ["Scheduling:Enabled"] = scheduling ? "true" : "false",
            ["Scheduling:Recurring"] = "false",
            ["Scheduling:RunOnStart"] = "false",
            ["Scheduling:WorkerCount"] = "2",
            ["Sandbox:Embedded"] = "true",
            ["Sandbox:Faults"] = "false",
            ["Sandbox:ChangeInterval"] = "1.00:00:00",
            ["Sandbox:Latency:Enabled"] = "false",
            ["Sandbox:RateLimits:Enabled"] = "false",

            // A transient failure fails its message at once (the re-queue tests need one); the in-run retry tests turn it on.
            ["IpaasMonitor:Resilience:StepRetry:Enabled"] = "false",
            ["Logging:File"] = Path.Combine(LogFolder, "log-.txt"),
            ["Search:DocumentKey"] = TestDocumentKey,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file, or the PostgreSQL database's connection string: what to pass to restart on the same store.</summary>
    public string DatabaseFile { get; }

    /// <summary>Where this instance's Serilog file sink writes (kept after dispose, so a test can read it).</summary>
    public string LogFolder { get; }

    /// <summary>Everything the file sink has written so far (read while the app may still be writing).</summary>
    public string LogText() =>
        Directory.Exists(LogFolder)
            ? string.Join("\n", Directory.GetFiles(LogFolder).Select(f =>
            {
                using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }))
            : "";

    public SandboxHost Sandbox => Services.GetRequiredService<EmbeddedSandbox>().Host;

    /// <summary>Runs one diagram for one connection to the end, as the scheduler would; null when it was skipped.</summary>
    public async Task<Guid?> RunDiagramAsync(string connection, int diagram)
    {
        await using var scope = Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<DiagramRunner>();
        return await runner.RunAsync(connection, diagram, "test", CancellationToken.None);
    }

    public async Task<T> DbAsync<T>(Func<IpaasDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var factory = Services.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownedDatabase)
        {
            await PostgreSqlTestServer.DropDatabaseAsync(DatabaseFile);
        }

        GC.SuppressFinalize(this);
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
