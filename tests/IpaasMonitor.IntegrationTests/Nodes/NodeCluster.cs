using System.Globalization;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Sandbox;
using IpaasMonitor.Sandbox.Network;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Nodes;

/// <summary>
/// App processes (<see cref="AppProcess"/>) on one store, all talking to one sandbox hosted by the test process: it
/// outlives every kill, so its duplicate counters cover the sends of every life of every node (ADR-026).
/// </summary>
public sealed class NodeCluster : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly List<AppProcess> nodes = [];

    private NodeCluster(SandboxHost sandbox, DatabaseProvider provider, string connectionString)
    {
        Sandbox = sandbox;
        Provider = provider;
        ConnectionString = connectionString;
        var collection = new ServiceCollection();
        collection.AddDbContextFactory<IpaasDbContext>(b => DataServiceCollectionExtensions.Configure(b, provider, connectionString));
        services = collection.BuildServiceProvider();
        Db = services.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
    }

    public const string Connection = "VA-CUSTOMIZADA";

    public SandboxHost Sandbox { get; }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<IpaasDbContext> Db { get; }

    public static async Task<NodeCluster> StartAsync(DatabaseProvider provider, string connectionString, int referenceCount)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            ReferenceCount = referenceCount,
            Faults = [],
            ChangeInterval = TimeSpan.FromDays(1),
            // VTEX answers in about 200 ms, as a real one does: a hub → VTEX run lasts long enough to be killed mid-run (on an
            // idle machine, with no latency, the chosen run sometimes completed before the kill landed).
            Latency = { Enabled = true, Routes = [new LatencyRule { Route = "vtex:*", P50Ms = 200, P99Ms = 500 }] },
            RateLimits = { Enabled = false },
        });
        return new NodeCluster(sandbox, provider, connectionString);
    }

    /// <summary>Starts one more node with the shared settings plus <paramref name="extra"/>.</summary>
    public async Task<AppProcess> StartNodeAsync(string name, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Settings(name);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var node = await AppProcess.StartAsync(settings);
        nodes.Add(node);
        return node;
    }

    public async Task<T> QueryAsync<T>(Func<IpaasDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await Db.CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Every VTEX entity created twice, and every order-side duplicate, since the sandbox started.</summary>
    public int Duplicates()
    {
        var inspection = Sandbox.State.Inspect();
        return inspection.Vtex.Values.Sum(v => v.DuplicatesCreated) + (inspection.Orders?.TotalDuplicates ?? 0);
    }

    public string Outputs() => string.Join("\n\n", nodes.Select(n => $"--- node {n.Id} ---\n{Tail(n.Output())}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    private Dictionary<string, string?> Settings(string name)
    {
        var tenant = SandboxOptions.DefaultErpTenants()[0];
        var account = SandboxOptions.DefaultVtexAccounts()[0];
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Nodes:Name"] = name,
            ["Auth:Admin:Email"] = "admin@nodes.test",
            ["Auth:Admin:Password"] = "Nodes-Test-Admin-2026!",
            ["Scheduling:QueuePollInterval"] = "00:00:01",
            ["Scheduling:Recurring"] = "false",
            ["Scheduling:RunOnStart"] = "true",
            ["Scheduling:WorkerCount"] = "2",
            ["Scheduling:OrderWorkerCount"] = "1",
            ["Sandbox:Embedded"] = "false",
            ["Search:DocumentKey"] = IpaasMonitorFactory.TestDocumentKey,
            ["IpaasMonitor:Resilience:StepRetry:Enabled"] = "false",
            ["Alerts:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:IpaasMonitor.Diagrams.Running.NodeWatch"] = "Information",
            ["Logging:LogLevel:IpaasMonitor.Web.Hosting.StartupTasks"] = "Information",
            ["IpaasMonitor:Connections:0:Id"] = Connection,
            ["IpaasMonitor:Connections:0:Name"] = "Loja A (nós)",
            ["IpaasMonitor:Connections:0:Branches:0:ErpBranchCode"] = "1",
            ["IpaasMonitor:Connections:0:Branches:0:WarehouseId"] = "1_1",
            ["IpaasMonitor:Connections:0:Branches:0:TradePolicyId"] = "1",
            ["IpaasMonitor:Connections:0:Branches:1:ErpBranchCode"] = "2",
            ["IpaasMonitor:Connections:0:Branches:1:WarehouseId"] = "filial_2",
            ["IpaasMonitor:Connections:0:Branches:1:TradePolicyId"] = "2",
            ["IpaasMonitor:Connections:0:Erp:BaseAddress"] = Sandbox.ErpBaseAddress(tenant.Name).ToString(),
            ["IpaasMonitor:Connections:0:Erp:ClientId"] = tenant.ClientId,
            ["IpaasMonitor:Connections:0:Erp:ClientSecret"] = tenant.ClientSecret,
            ["IpaasMonitor:Connections:0:Erp:Username"] = tenant.Username,
            ["IpaasMonitor:Connections:0:Erp:Password"] = tenant.Password,
            ["IpaasMonitor:Connections:0:Vtex:Account"] = account.Name,
            ["IpaasMonitor:Connections:0:Vtex:BaseAddress"] = Sandbox.VtexBaseAddress(account.Name).ToString(),
            ["IpaasMonitor:Connections:0:Vtex:PricingBaseAddress"] = Sandbox.VtexPricingBaseAddress(account.Name).ToString(),
            ["IpaasMonitor:Connections:0:Vtex:AppKey"] = account.AppKey,
            ["IpaasMonitor:Connections:0:Vtex:AppToken"] = account.AppToken,
        };
    }

    /// <summary>A run as the tests read it.</summary>
    public static string Describe(DiagramRun r) =>
        string.Create(CultureInfo.InvariantCulture, $"D{r.Diagram:00} {r.Status} on {r.Node} {r.StartedAtUtc:HH:mm:ss.fff}–{r.EndedAtUtc:HH:mm:ss.fff} ({r.TriggeredBy})");
}
