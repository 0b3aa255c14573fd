using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Initial catalogue load through the real diagrams against a standalone sandbox (bench/Catalog/README.md):
//   IpaasMonitor.Bench.Catalog --sandbox http://127.0.0.1:5291/ --db /tmp/x.db --pricing-limit 30 --adaptive true --label name
// 01–06 prepare the parents (brands, categories, products: timed apart); 09, 10, 13, 14, 19 and 20 are the measured
// load. With --orders true the order diagrams (23, then 24, 26, 27, 28, 29, 25 in a loop) run beside the load, and the
// time from an order's arrival in the hub (24) to its acceptance by the ERP (28/29) is reported.
var arguments = Arguments.Parse(args);
var sandbox = new Uri(arguments.Get("sandbox", "http://127.0.0.1:5291/"));
var database = Path.GetFullPath(arguments.Get("db", Path.Combine(Path.GetTempPath(), "ipaas-bench-catalog.db")));
var pricingLimit = int.Parse(arguments.Get("pricing-limit", "0"), CultureInfo.InvariantCulture);
var label = arguments.Get("label", pricingLimit > 0 ? "pricing-limit" : "no-limit");
var results = arguments.Get("results", "bench/Catalog/results");
var adaptive = bool.Parse(arguments.Get("adaptive", "true"));
var withOrders = bool.Parse(arguments.Get("orders", "false"));
var loadDiagrams = arguments.Get("load", "9,10,13,14,19,20").Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
foreach (var file in new[] { database, database + "-wal", database + "-shm" })
{
    File.Delete(file);
}

using var http = new HttpClient { BaseAddress = sandbox, Timeout = TimeSpan.FromMinutes(5) };
(await http.DeleteAsync(new Uri("_sandbox/faults", UriKind.Relative))).EnsureSuccessStatusCode();
(await http.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();

const string Connection = "bench";
const string C = "IpaasMonitor:Connections:0:";
var settings = new Dictionary<string, string?>
{
    ["Database:Provider"] = "Sqlite",
    ["Database:ConnectionString"] = $"Data Source={database}",
    [C + "Id"] = Connection,
    [C + "Erp:BaseAddress"] = new Uri(sandbox, "erp/tenant-a/").ToString(),
    [C + "Erp:ClientId"] = "sandbox-client-a",
    [C + "Erp:ClientSecret"] = "sandbox-secret-a",
    [C + "Erp:Username"] = "integracao.a",
    [C + "Erp:Password"] = "senha-demo-a",
    [C + "Erp:PageSize"] = "1000",
    [C + "Vtex:Account"] = "loja-a",
    [C + "Vtex:BaseAddress"] = new Uri(sandbox, "vtex/loja-a/").ToString(),
    [C + "Vtex:PricingBaseAddress"] = new Uri(sandbox, "vtex-pricing/loja-a/").ToString(),
    [C + "Vtex:AppKey"] = "vtexappkey-loja-a-SANDBOX",
    [C + "Vtex:AppToken"] = "SANDBOX-TOKEN-LOJA-A",
    [C + "Branches:0:ErpBranchCode"] = "1",
    [C + "Branches:0:WarehouseId"] = "1_1",
    [C + "Branches:0:TradePolicyId"] = "1",
    [C + "Branches:1:ErpBranchCode"] = "2",
    [C + "Branches:1:WarehouseId"] = "filial_2",
    [C + "Branches:1:TradePolicyId"] = "2",
    ["IpaasMonitor:Concurrency:Enabled"] = adaptive ? "true" : "false",
    ["IpaasMonitor:Resilience:Erp:PermitsPerSecond"] = "0",
    ["IpaasMonitor:Resilience:Vtex:PermitsPerSecond"] = arguments.Get("vtex-limit", "700"),
    ["IpaasMonitor:Resilience:VtexPricing:PermitsPerSecond"] = pricingLimit.ToString(CultureInfo.InvariantCulture),
    ["IpaasMonitor:Resilience:VtexPricing:Burst"] = pricingLimit > 0 ? pricingLimit.ToString(CultureInfo.InvariantCulture) : "0",
    ["IpaasMonitor:Resilience:VtexPricing:MaxRetryAttempts"] = "10",
};
var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
services.AddSingleton<IConfiguration>(configuration);
services.AddIpaasMonitorData(configuration, AppContext.BaseDirectory);
services.AddConnectors(configuration);
services.AddDiagrams();
services.AddTransient<DatabaseInitializer>();
services.AddSingleton<Hangfire.IBackgroundJobClient>(new Hangfire.BackgroundJobClient(new Hangfire.InMemory.InMemoryStorage()));
await using var provider = services.BuildServiceProvider();
await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
var runner = provider.GetRequiredService<DiagramRunner>();
var factory = provider.GetRequiredService<IDbContextFactory<IpaasDbContext>>();

var rows = new List<Row>();
async Task<Row> RunAsync(int diagram)
{
    var before = await InspectAsync(http);
    var watch = Stopwatch.StartNew();
    var run = await runner.RunAsync(Connection, diagram, "bench", CancellationToken.None) ?? throw new InvalidOperationException($"Diagram {diagram} did not run.");
    watch.Stop();
    var after = await InspectAsync(http);
    await using var db = await factory.CreateDbContextAsync();
    var record = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run);
    var failed = await db.Messages.AsNoTracking().Where(m => m.RunId == run && m.Situation == MessageSituation.Failed).GroupBy(m => m.LastError!.Substring(0, 40)).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    var row = new Row(diagram, record.Read, record.Sent, record.Failed, watch.Elapsed.TotalSeconds,
        Delta(before, after, "vtex-pricing:PUT", null), Delta(before, after, "vtex-pricing:PUT", 429), Delta(before, after, "vtex", null))
    {
        Vtex429 = Delta(before, after, "vtex", 429),
        Routes = RouteRates(before, after, watch.Elapsed.TotalSeconds),
    };
    rows.Add(row);
    Console.WriteLine(row.ToString() + (failed.Count > 0 ? "  failures: " + string.Join("; ", failed.Select(f => $"{f.Count}× {f.Key}")) : ""));
    foreach (var route in row.Routes.Take(3))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {route.Route}: {route.PerSecond:0.0}/s = {route.ShareOfLimit:P0} of {route.Limit:0.#}/s ({route.Throttled} × 429)"));
    }

    return row;
}

Console.WriteLine($"Sandbox {sandbox}, database {database}, pricing limit {(pricingLimit > 0 ? pricingLimit + "/s" : "off")}, concurrency {(adaptive ? "adaptive" : "fixed")}");
var setup = Stopwatch.StartNew();
foreach (var diagram in new[] { 1, 3, 5, 2, 4, 6 })
{
    await RunAsync(diagram);
}

setup.Stop();
using var stopOrders = new CancellationTokenSource();
var orderLoop = Task.CompletedTask;
if (withOrders)
{
    await runner.RunAsync(Connection, 23, "bench", CancellationToken.None);
    orderLoop = Task.Run(async () =>
    {
        // The order side as its own workers run it: every stage in turn, again and again, beside the catalogue load.
        while (!stopOrders.IsCancellationRequested)
        {
            foreach (var stage in OrderStages.All)
            {
                await runner.RunAsync(Connection, stage, "bench", CancellationToken.None);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
    });
}

var load = Stopwatch.StartNew();
foreach (var diagram in loadDiagrams)
{
    await RunAsync(diagram);
}

load.Stop();
await stopOrders.CancelAsync();
await orderLoop;
var orders = new List<double>();
await using (var db = await factory.CreateDbContextAsync())
{
    var messages = await db.Messages.AsNoTracking()
        .Where(m => m.CorrelationId != null && (m.Diagram == 24 || ((m.Diagram == 28 || m.Diagram == 29) && m.Situation == MessageSituation.Processed)))
        .Select(m => new { m.CorrelationId, m.Diagram, m.ReceivedAtUtc })
        .ToListAsync();
    foreach (var order in messages.GroupBy(m => m.CorrelationId))
    {
        var received = order.Where(m => m.Diagram == 24).Select(m => m.ReceivedAtUtc).DefaultIfEmpty().Min();
        var accepted = order.Where(m => m.Diagram != 24).Select(m => m.ReceivedAtUtc).DefaultIfEmpty().Min();
        if (received != default && accepted != default)
        {
            orders.Add((accepted - received).TotalSeconds);
        }
    }
}

var duplicates = (await InspectAsync(http)).GetProperty("vtex").GetProperty("loja-a").GetProperty("duplicatesCreated").GetInt32();
Process.GetCurrentProcess().Refresh();
var peakMb = PeakMegabytes();
var sizeMb = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1048576.0;
await using (var db = await factory.CreateDbContextAsync())
{
    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
}

var checkpointedMb = new FileInfo(database).Length / 1048576.0;
var skus = rows.Single(r => r.Diagram == 10);
var summary = new
{
    label,
    pricingLimit,
    skus = skus.Read,
    loadSeconds = Math.Round(load.Elapsed.TotalSeconds, 1),
    setupSeconds = Math.Round(setup.Elapsed.TotalSeconds, 1),
    adaptive,
    itemsPerSecond = rows.Where(r => loadDiagrams.Contains(r.Diagram)).ToDictionary(r => r.Diagram.ToString("00", CultureInfo.InvariantCulture), r => Math.Round(r.PerSecond, 0)),
    vtexRequests = rows.Where(r => loadDiagrams.Contains(r.Diagram)).Sum(r => r.VtexRequests),
    vtex429 = rows.Where(r => loadDiagrams.Contains(r.Diagram)).Sum(r => r.Vtex429),
    duplicates,
    ordersToErp = orders.Count,
    orderToErpSecondsMax = orders.Count > 0 ? Math.Round(orders.Max(), 1) : (double?)null,
    orderToErpSecondsMedian = orders.Count > 0 ? Math.Round(orders.Order().ElementAt(orders.Count / 2), 1) : (double?)null,
    pricingWritesPerSecond = Math.Round(skus.PricingWrites / skus.Seconds, 1),
    pricing429 = rows.Sum(r => r.Pricing429),
    peakWorkingSetMb = Math.Round(peakMb, 0),
    databaseMb = Math.Round(checkpointedMb, 1),
    databaseWithWalMb = Math.Round(sizeMb, 1),
    rows,
};
Directory.CreateDirectory(results);
var json = JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true });
await File.WriteAllTextAsync(Path.Combine(results, $"{label}.json"), json);
Console.WriteLine(json);

static double PeakMegabytes()
{
    // VmHWM: the resident set's high-water mark (Linux); falls back to the process' peak working set.
    var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
    return line is null
        ? Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0
        : double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
}

// Requests per second on each VTEX route during one diagram's run, against VTEX's limit for it (catalog and logistics:
// 15,000/min per route; pricing writes: 2,000/min per account), busiest first.
static List<RouteRate> RouteRates(JsonElement before, JsonElement after, double seconds)
{
    static Dictionary<string, (long Total, long Throttled)> Counts(JsonElement inspection)
    {
        var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var route in inspection.GetProperty("requests").EnumerateArray())
        {
            if (route.GetProperty("system").GetString() != "vtex" || route.GetProperty("scope").GetString() != "loja-a")
            {
                continue;
            }

            var key = route.GetProperty("method").GetString() + " " + route.GetProperty("route").GetString();
            var throttled = route.GetProperty("statuses").TryGetProperty("429", out var t) ? t.GetInt64() : 0;
            counts[key] = (route.GetProperty("total").GetInt64(), throttled);
        }

        return counts;
    }

    var start = Counts(before);
    return [.. Counts(after)
        .Select(kv => (kv.Key, Total: kv.Value.Total - start.GetValueOrDefault(kv.Key).Total, Throttled: kv.Value.Throttled - start.GetValueOrDefault(kv.Key).Throttled))
        .Where(r => r.Total > 0)
        .Select(r =>
        {
            var pricingWrite = r.Key.Contains("/pricing/", StringComparison.Ordinal) && !r.Key.StartsWith("GET", StringComparison.Ordinal);
            var limit = pricingWrite ? 2000 / 60.0 : r.Key.Contains("/pricing/", StringComparison.Ordinal) ? double.NaN : 15000 / 60.0;
            var perSecond = seconds > 0 ? r.Total / seconds : 0;
            return new RouteRate(r.Key, r.Total, r.Throttled, Math.Round(perSecond, 1), limit, double.IsNaN(limit) ? 0 : Math.Round(perSecond / limit, 3));
        })
        .OrderByDescending(r => r.ShareOfLimit)];
}

static async Task<JsonElement> InspectAsync(HttpClient http) =>
    await http.GetFromJsonAsync<JsonElement>(new Uri("_sandbox/inspect", UriKind.Relative));

static long Delta(JsonElement before, JsonElement after, string prefix, int? status) => Count(after, prefix, status) - Count(before, prefix, status);

// Sums the sandbox's request counters (GET _sandbox/inspect: requests[] of {system, method, route, total, statuses}).
static long Count(JsonElement inspection, string what, int? status)
{
    long total = 0;
    foreach (var route in inspection.GetProperty("requests").EnumerateArray())
    {
        var system = route.GetProperty("system").GetString();
        var method = route.GetProperty("method").GetString();
        var name = route.GetProperty("route").GetString() ?? "";
        var matches = what switch
        {
            "vtex-pricing:PUT" => system == "vtex" && method == "PUT" && name.StartsWith("/pricing/prices", StringComparison.Ordinal),
            "vtex" => system == "vtex" && route.GetProperty("scope").GetString() == "loja-a",
            _ => false,
        };
        if (!matches)
        {
            continue;
        }

        total += status is null
            ? route.GetProperty("total").GetInt64()
            : route.GetProperty("statuses").TryGetProperty(status.Value.ToString(CultureInfo.InvariantCulture), out var count) ? count.GetInt64() : 0;
    }

    return total;
}

internal static class OrderStages
{
    public static readonly int[] All = [24, 26, 27, 28, 29, 25];
}

internal sealed record RouteRate(string Route, long Requests, long Throttled, double PerSecond, double Limit, double ShareOfLimit);

internal sealed record Row(int Diagram, int Read, int Sent, int Failed, double Seconds, long PricingWrites, long Pricing429, long VtexRequests)
{
    public long Vtex429 { get; init; }

    public IReadOnlyList<RouteRate> Routes { get; init; } = [];

    public double PerSecond => Seconds > 0 ? Read / Seconds : 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Diagram:00}: read {Read,7}, sent {Sent,7}, failed {Failed,5} in {Seconds,7:0.0} s = {PerSecond,6:0} items/s; VTEX requests {VtexRequests} ({Vtex429} × 429), pricing PUT {PricingWrites} ({Pricing429} × 429)");
}

internal sealed class Arguments(Dictionary<string, string> values)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Arguments(values);
    }

    public string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
}
