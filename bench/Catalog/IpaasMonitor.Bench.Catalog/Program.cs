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
// --pricing-limit N: the hub's pricing ceiling in writes per second (0: off); absent, the hub's default (VTEX's 2,000/min).
var pricingLimitArgument = arguments.Get("pricing-limit", "");
var pricingLimit = pricingLimitArgument.Length > 0 ? double.Parse(pricingLimitArgument, CultureInfo.InvariantCulture) : new IpaasMonitor.Connectors.Resilience.ConnectorResilienceOptions().VtexPricing.PermitsPerSecond;
var label = arguments.Get("label", pricingLimit > 0 ? "pricing-limit" : "no-limit");
var sandboxPid = int.Parse(arguments.Get("sandbox-pid", "0"), CultureInfo.InvariantCulture);
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
    ["IpaasMonitor:Resilience:VtexPricing:MaxRetryAttempts"] = "10",
};
if (pricingLimitArgument.Length > 0)
{
    settings["IpaasMonitor:Resilience:VtexPricing:PermitsPerSecond"] = pricingLimitArgument;
}

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
    var loadBefore = LoadAverages();
    var hubCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var sandboxCpuBefore = SandboxCpuSeconds(sandboxPid);
    var watch = Stopwatch.StartNew();
    // The sandbox's counters once a second during the run: the pace on each route while the load is on, without its
    // ramp-up (ERP read, first lookups) and tail.
    var samples = new List<(double Seconds, Dictionary<string, (long Total, long Throttled)> Counts)> { (0, RouteCounts(before)) };
    using var stopSampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stopSampling.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stopSampling.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var sample = RouteCounts(await InspectAsync(http));
            lock (samples)
            {
                samples.Add((watch.Elapsed.TotalSeconds, sample));
            }
        }
    });
    var run = await runner.RunAsync(Connection, diagram, "bench", CancellationToken.None) ?? throw new InvalidOperationException($"Diagram {diagram} did not run.");
    watch.Stop();
    await stopSampling.CancelAsync();
    await sampler;
    var after = await InspectAsync(http);
    samples.Add((watch.Elapsed.TotalSeconds, RouteCounts(after)));
    var hubCores = (Process.GetCurrentProcess().TotalProcessorTime - hubCpuBefore).TotalSeconds / watch.Elapsed.TotalSeconds;
    var sandboxCores = (SandboxCpuSeconds(sandboxPid) - sandboxCpuBefore) / watch.Elapsed.TotalSeconds;
    await using var db = await factory.CreateDbContextAsync();
    var record = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run);
    var failed = await db.Messages.AsNoTracking().Where(m => m.RunId == run && m.Situation == MessageSituation.Failed).GroupBy(m => m.LastError!.Substring(0, 40)).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    var row = new Row(diagram, record.Read, record.Sent, record.Failed, watch.Elapsed.TotalSeconds,
        Delta(before, after, "vtex-pricing:PUT", null), Delta(before, after, "vtex-pricing:PUT", 429), Delta(before, after, "vtex", null))
    {
        Vtex429 = Delta(before, after, "vtex", 429),
        Routes = RouteRates(samples),
        HubCores = Math.Round(hubCores, 2),
        SandboxCores = Math.Round(sandboxCores, 2),
        LoadAverages = $"{loadBefore} → {LoadAverages()}",
    };
    rows.Add(row);
    Console.WriteLine(row.ToString() + string.Create(CultureInfo.InvariantCulture, $"; hub {row.HubCores:0.00} cores, sandbox {row.SandboxCores:0.00} cores, load {row.LoadAverages}") + (failed.Count > 0 ? "  failures: " + string.Join("; ", failed.Select(f => $"{f.Count}× {f.Key}")) : ""));
    // The adaptive limits after the run: the connection's sends per system, and the busiest routes (ADR-023).
    foreach (var limit in provider.GetRequiredService<IpaasMonitor.Connectors.Concurrency.IConcurrencyGauge>().For(Connection)
        .Where(l => l.Route is null || row.Routes.Take(2).Any(r => r.Route == l.Route)))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      limit {limit.System} {limit.Route ?? "sends"}: {limit.Limit} (latency {limit.LatencyMs} ms, baseline {limit.BaselineLatencyMs} ms, {limit.Throttled} × 429, last cut: {limit.LastDecreaseReason ?? "none"})"));
    }

    foreach (var route in row.Routes.Take(3))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {route.Route}: {route.PerSecond:0.0}/s = {route.ShareOfLimit:P0} of {route.Limit:0.#}/s over the run, {route.SustainedPerSecond:0.0}/s = {route.SustainedShare:P0} while the load is on ({route.Throttled} × 429)"));
    }

    return row;
}

Console.WriteLine($"Sandbox {sandbox}, database {database}, pricing limit {(pricingLimit > 0 ? pricingLimit.ToString("0.##", CultureInfo.InvariantCulture) + "/s" : "off")}, concurrency {(adaptive ? "adaptive" : "fixed")}");
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

// Lost: an SKU the hub holds, or the price or stock level of an SKU in VTEX, that is neither sent as it is now, nor
// failed, nor waiting for a parent. (The price of an SKU refused or waiting goes out with it, in 10: not lost.)
Dictionary<string, int> lost;
await using (var db = await factory.CreateDbContextAsync())
{
    var skusInVtex = db.HubRecords.Where(s => s.ConnectionId == Connection && s.Kind == "sku" && s.VtexId != null).Select(s => s.ErpKey);
    lost = await db.HubRecords.AsNoTracking()
        .Where(r => r.ConnectionId == Connection && (r.Kind == "sku" || ((r.Kind == "price" || r.Kind == "stock") && skusInVtex.Contains(r.ParentKey!)))
            && (r.SentHash == null || r.SentHash != r.ContentHash) && (r.FailedHash == null || r.FailedHash != r.ContentHash) && (r.WaitingHash == null || r.WaitingHash != r.ContentHash))
        .GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
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
    pricingLimit = Math.Round(pricingLimit, 2),
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
    pricingWritesPerSecondSustained = skus.Routes.FirstOrDefault(r => r.Route.StartsWith("PUT /pricing/", StringComparison.Ordinal))?.SustainedPerSecond,
    lost,
    loadAverages = $"{rows.First(r => loadDiagrams.Contains(r.Diagram)).LoadAverages.Split(" → ")[0]} → {LoadAverages()}",
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

// Steady state after the load (--steady-minutes N): the ERP changes the main price and stock of --change-share of the
// SKUs per hour (5 %), spread evenly; 13 and 19 read on their crons (*/5, */10) and their VTEX halves 14 and 20 follow at
// once (the catalogue chain, ADR-023), run on their own crons (2-59/5, 3-59/10) and once more a minute after a run
// that left records pending. With --fault-minutes F, VTEX answers 503 to everything for F minutes from the middle of
// the window. Reported: the lag from the ERP change to VTEX's acceptance (p50/p95) of the changes made outside the
// fault, and the time from the fault's end until every change made during it is in VTEX.
var steadyMinutes = double.Parse(arguments.Get("steady-minutes", "0"), CultureInfo.InvariantCulture);
if (steadyMinutes > 0)
{
    var faultMinutes = double.Parse(arguments.Get("fault-minutes", "0"), CultureInfo.InvariantCulture);
    var changeShare = double.Parse(arguments.Get("change-share", "0.05"), CultureInfo.InvariantCulture);
    var perHour = changeShare * skus.Read;
    var steady = await SteadyState.RunAsync(runner, factory, http, Connection, TimeSpan.FromMinutes(steadyMinutes), TimeSpan.FromMinutes(faultMinutes), perHour);
    var steadyJson = JsonSerializer.Serialize(new { label, skus = skus.Read, changesPerHour = Math.Round(perHour), steadyMinutes, faultMinutes, steady }, new JsonSerializerOptions { WriteIndented = true });
    await File.WriteAllTextAsync(Path.Combine(results, $"{label}.steady.json"), steadyJson);
    Console.WriteLine(steadyJson);
}

static double PeakMegabytes()
{
    // VmHWM: the resident set's high-water mark (Linux); falls back to the process' peak working set.
    var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
    return line is null
        ? Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0
        : double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
}

// Requests per second on each VTEX route during one diagram's run, against VTEX's limit for it (catalog and logistics:
// 15,000/min per route; pricing writes: 2,000/min per account), busiest first: over the whole run, and sustained, between
// the first sample after the route's first request and the last sample before its last one.
static List<RouteRate> RouteRates(List<(double Seconds, Dictionary<string, (long Total, long Throttled)> Counts)> samples)
{
    var (seconds, first) = (samples[^1].Seconds, samples[0].Counts);
    var last = samples[^1].Counts;
    return [.. last
        .Select(kv => (kv.Key, Total: kv.Value.Total - first.GetValueOrDefault(kv.Key).Total, Throttled: kv.Value.Throttled - first.GetValueOrDefault(kv.Key).Throttled))
        .Where(r => r.Total > 0)
        .Select(r =>
        {
            var pricingWrite = r.Key.Contains("/pricing/", StringComparison.Ordinal) && !r.Key.StartsWith("GET", StringComparison.Ordinal);
            var limit = pricingWrite ? 2000 / 60.0 : r.Key.Contains("/pricing/", StringComparison.Ordinal) ? double.NaN : 15000 / 60.0;
            var perSecond = seconds > 0 ? r.Total / seconds : 0;
            var series = samples.Select(p => (p.Seconds, Count: p.Counts.GetValueOrDefault(r.Key).Total)).ToList();
            var begin = series.FindIndex(p => p.Count > series[0].Count);
            var end = series.FindLastIndex(p => p.Count < series[^1].Count);
            var sustained = begin >= 0 && end > begin ? (series[end].Count - series[begin].Count) / (series[end].Seconds - series[begin].Seconds) : perSecond;
            return new RouteRate(r.Key, r.Total, r.Throttled, Math.Round(perSecond, 1), limit, double.IsNaN(limit) ? 0 : Math.Round(perSecond / limit, 3))
            {
                SustainedPerSecond = Math.Round(sustained, 1),
                SustainedShare = double.IsNaN(limit) ? 0 : Math.Round(sustained / limit, 3),
            };
        })
        .OrderByDescending(r => r.ShareOfLimit)];
}

static Dictionary<string, (long Total, long Throttled)> RouteCounts(JsonElement inspection)
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

// The 1-, 5- and 15-minute load averages (/proc/loadavg), as `uptime` shows them.
static string LoadAverages() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

// CPU seconds (user + system) the sandbox process has used: /proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s.
static double SandboxCpuSeconds(int pid)
{
    var path = $"/proc/{pid}/stat";
    if (pid <= 0 || !File.Exists(path))
    {
        return 0;
    }

    var fields = File.ReadAllText(path).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
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

internal static class SteadyState
{
    // (ERP half, VTEX half, cron period in minutes, minute of the VTEX half's own tick) as DiagramCatalog schedules them.
    private static readonly (int Erp, int Vtex, int Period, int VtexOffset)[] Pairs = [(13, 14, 5, 2), (19, 20, 10, 3)];

    public static async Task<object> RunAsync(
        DiagramRunner runner, IDbContextFactory<IpaasDbContext> factory, HttpClient http, string connection, TimeSpan duration, TimeSpan fault, double perHour)
    {
        var start = DateTime.UtcNow;
        var end = start + duration;
        var faultStart = fault > TimeSpan.Zero ? start + ((duration - fault) / 2) : DateTime.MaxValue;
        var faultEnd = fault > TimeSpan.Zero ? faultStart + fault : DateTime.MaxValue;
        var changes = 0;
        var runs = new List<string>();
        Console.WriteLine($"Steady state {start:HH:mm:ss}–{end:HH:mm:ss} UTC (then one read period more), {perHour:0} price and stock changes per hour" + (fault > TimeSpan.Zero ? $", VTEX 503 {faultStart:HH:mm:ss}–{faultEnd:HH:mm:ss}" : ""));

        var changer = Task.Run(async () =>
        {
            var owed = 0.0;
            while (DateTime.UtcNow < end)
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                owed += perHour / 360;
                var count = (int)owed;
                if (count > 0)
                {
                    owed -= count;
                    (await http.PostAsync(new Uri($"_sandbox/erp/tenant-a/price-stock-changes?count={count}", UriKind.Relative), null)).EnsureSuccessStatusCode();
                    Interlocked.Add(ref changes, count);
                }
            }
        });
        var faults = Task.Run(async () =>
        {
            if (faultStart == DateTime.MaxValue)
            {
                return;
            }

            await Task.Delay(faultStart - DateTime.UtcNow);
            (await http.PostAsJsonAsync(new Uri("_sandbox/faults", UriKind.Relative), new { route = "vtex:*", scope = "loja-a", errorRate = 1.0 })).EnsureSuccessStatusCode();
            await Task.Delay(faultEnd - DateTime.UtcNow);
            (await http.DeleteAsync(new Uri("_sandbox/faults", UriKind.Relative))).EnsureSuccessStatusCode();
        });

        async Task<DiagramRun?> RunOneAsync(int diagram, string why)
        {
            var id = await runner.RunAsync(connection, diagram, "bench", CancellationToken.None);
            if (id is null)
            {
                return null;
            }

            await using var db = await factory.CreateDbContextAsync();
            var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id);
            lock (runs)
            {
                runs.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {diagram:00} ({why}): read {run.Read}, sent {run.Sent}, failed {run.Failed}"));
            }

            return run;
        }

        // One loop per pair, woken at each whole minute: the pair's cron ticks, the chain and the 1-minute retry.
        var loops = Pairs.Select(pair => Task.Run(async () =>
        {
            var retryAt = DateTime.MaxValue;
            while (true)
            {
                var now = DateTime.UtcNow;
                var next = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
                // After the window (no more changes): one more read period so the last changes go out, then on until the
                // fault's changes are in VTEX, at most 30 minutes more.
                if (next > end.AddMinutes(pair.Period + 1) && (next > end.AddMinutes(30) || await ConvergedAsync(factory, connection, faultStart, faultEnd)))
                {
                    break;
                }

                await Task.Delay(next - DateTime.UtcNow);
                DiagramRun? vtexRun = null;
                if (next.Minute % pair.Period == 0)
                {
                    var read = await RunOneAsync(pair.Erp, "cron");
                    vtexRun = read is { Read: > 0 } ? await RunOneAsync(pair.Vtex, "chain") : null;
                }
                else if (next.Minute % pair.Period == pair.VtexOffset || next >= retryAt)
                {
                    vtexRun = await RunOneAsync(pair.Vtex, next >= retryAt ? "retry" : "cron");
                }

                if (vtexRun is not null)
                {
                    retryAt = vtexRun.Failed > 0 && retryAt == DateTime.MaxValue ? DateTime.UtcNow.AddMinutes(1) : DateTime.MaxValue;
                }
            }
        })).ToList();
        await Task.WhenAll(loops.Append(changer).Append(faults));

        // Lag: each price and stock record changed in the ERP during the window and accepted by VTEX, leaving out the
        // changes the fault held back (made during it, or in the read period before it: 19 reads every 10 minutes).
        await using var db = await factory.CreateDbContextAsync();
        var records = await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connection && (r.Kind == "price" || r.Kind == "stock") && r.ErpChangedAtUtc >= start && r.SentAtUtc != null && r.SentHash == r.ContentHash)
            .Select(r => new { r.Kind, r.ErpChangedAtUtc, SentAtUtc = r.SentAtUtc!.Value })
            .ToListAsync();
        var outside = records.Where(r => r.ErpChangedAtUtc < faultStart.AddMinutes(-10) || r.ErpChangedAtUtc > faultEnd).ToList();
        object Lag(IEnumerable<double> seconds)
        {
            var sorted = seconds.Order().ToList();
            return sorted.Count == 0
                ? new { n = 0, p50Seconds = 0.0, p95Seconds = 0.0, maxSeconds = 0.0 }
                : new { n = sorted.Count, p50Seconds = Math.Round(sorted[sorted.Count / 2], 1), p95Seconds = Math.Round(sorted[(int)(sorted.Count * 0.95)], 1), maxSeconds = Math.Round(sorted[^1], 1) };
        }

        var converged = fault > TimeSpan.Zero ? await ConvergedAtAsync(factory, connection, faultStart, faultEnd) : null;
        foreach (var line in runs)
        {
            Console.WriteLine("  " + line);
        }

        return new
        {
            start,
            end,
            changesMade = changes,
            faultStart = fault > TimeSpan.Zero ? faultStart : (DateTime?)null,
            faultEnd = fault > TimeSpan.Zero ? faultEnd : (DateTime?)null,
            priceLag = Lag(outside.Where(r => r.Kind == "price").Select(r => (r.SentAtUtc - r.ErpChangedAtUtc).TotalSeconds)),
            stockLag = Lag(outside.Where(r => r.Kind == "stock").Select(r => (r.SentAtUtc - r.ErpChangedAtUtc).TotalSeconds)),
            convergenceSecondsAfterFault = converged is { } at ? Math.Round((at - faultEnd).TotalSeconds, 0) : (double?)null,
            runs,
        };
    }

    // Every price and stock change made during the fault to an SKU in VTEX is in VTEX (or changed again since, and that
    // change is). The ERP changes SKUs at random, some of them refused or waiting for their product: those wait with them.
    private static async Task<bool> ConvergedAsync(IDbContextFactory<IpaasDbContext> factory, string connection, DateTime faultStart, DateTime faultEnd)
    {
        if (faultStart == DateTime.MaxValue)
        {
            return true;
        }

        await using var db = await factory.CreateDbContextAsync();
        var skusInVtex = db.HubRecords.Where(s => s.ConnectionId == connection && s.Kind == "sku" && s.VtexId != null).Select(s => s.ErpKey);
        return !await db.HubRecords.AsNoTracking().AnyAsync(r => r.ConnectionId == connection && (r.Kind == "price" || r.Kind == "stock")
            && skusInVtex.Contains(r.ParentKey!)
            && r.ErpChangedAtUtc >= faultStart && r.ErpChangedAtUtc <= faultEnd && (r.SentHash == null || r.SentHash != r.ContentHash));
    }

    // When the last change made during the fault reached VTEX: the latest SentAtUtc of those records.
    private static async Task<DateTime?> ConvergedAtAsync(IDbContextFactory<IpaasDbContext> factory, string connection, DateTime faultStart, DateTime faultEnd)
    {
        if (!await ConvergedAsync(factory, connection, faultStart, faultEnd))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync();
        return await db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == connection && (r.Kind == "price" || r.Kind == "stock") && r.ErpChangedAtUtc >= faultStart && r.ErpChangedAtUtc <= faultEnd)
            .MaxAsync(r => r.SentAtUtc);
    }
}

internal static class OrderStages
{
    public static readonly int[] All = [24, 26, 27, 28, 29, 25];
}

internal sealed record RouteRate(string Route, long Requests, long Throttled, double PerSecond, double Limit, double ShareOfLimit)
{
    public double SustainedPerSecond { get; init; }

    public double SustainedShare { get; init; }
}

internal sealed record Row(int Diagram, int Read, int Sent, int Failed, double Seconds, long PricingWrites, long Pricing429, long VtexRequests)
{
    public long Vtex429 { get; init; }

    public IReadOnlyList<RouteRate> Routes { get; init; } = [];

    public double HubCores { get; init; }

    public double SandboxCores { get; init; }

    public string LoadAverages { get; init; } = "";

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
