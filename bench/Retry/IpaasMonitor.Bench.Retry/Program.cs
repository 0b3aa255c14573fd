using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
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

// Fault soak of the catalogue diagrams against a standalone sandbox (bench/Retry/README.md, ADR-018):
//   IpaasMonitor.Bench.Retry --sandbox http://127.0.0.1:5292/ --db /tmp/x.db --faults heavy --minutes 10 --step-retry on --label name
// Runs every catalogue diagram in catalogue order (ERP → Hub, then Hub → VTEX) again and again until the time is up,
// while the sandbox injects the faults and changes its ERP data, then counts what a person would see in the grid.
var arguments = Arguments.Parse(args);
var sandbox = new Uri(arguments.Get("sandbox", "http://127.0.0.1:5292/"));
var database = Path.GetFullPath(arguments.Get("db", Path.Combine(Path.GetTempPath(), "ipaas-bench-retry.db")));
var faults = arguments.Get("faults", "heavy");
var minutes = double.Parse(arguments.Get("minutes", "10"), CultureInfo.InvariantCulture);
var stepRetry = arguments.Get("step-retry", "on") == "on";
var label = arguments.Get("label", $"{faults}-{(stepRetry ? "retry" : "no-retry")}");
var results = arguments.Get("results", "bench/Retry/results");
foreach (var file in new[] { database, database + "-wal", database + "-shm" })
{
    File.Delete(file);
}

// demo: the embedded sandbox's default faults (SandboxOptions.DefaultFaults); heavy: the issue's soak.
var rules = faults switch
{
    "demo" => """[{"route":"vtex:POST *","errorRate":0.03,"throttleRate":0.02,"retryAfterSeconds":2},{"route":"vtex:PUT *","errorRate":0.03,"throttleRate":0.02,"retryAfterSeconds":2}]""",
    "heavy" => """[{"route":"vtex:POST *","errorRate":0.2,"throttleRate":0.1,"lostResponseRate":0.05,"retryAfterSeconds":1},{"route":"vtex:PUT *","errorRate":0.2,"throttleRate":0.1,"lostResponseRate":0.05,"retryAfterSeconds":1}]""",
    "none" => "[]",
    _ => throw new ArgumentException($"Unknown --faults {faults} (demo | heavy | none)."),
};
using var http = new HttpClient { BaseAddress = sandbox, Timeout = TimeSpan.FromMinutes(5) };
(await http.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();
using (var body = new StringContent($$"""{"rules":{{rules}},"replace":true}""", Encoding.UTF8, "application/json"))
{
    (await http.PostAsync(new Uri("_sandbox/faults", UriKind.Relative), body)).EnsureSuccessStatusCode();
}

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
    ["IpaasMonitor:Resilience:StepRetry:Enabled"] = stepRetry ? "true" : "false",
};
var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error));
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

int[] order = [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22];
Console.WriteLine($"Sandbox {sandbox}, database {database}, faults {faults}, step retry {(stepRetry ? "on" : "off")}, {minutes} min");
var watch = Stopwatch.StartNew();
var passes = 0;
while (watch.Elapsed.TotalMinutes < minutes)
{
    foreach (var diagram in order)
    {
        await runner.RunAsync(Connection, diagram, "bench", CancellationToken.None);
    }

    passes++;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pass {passes} done at {watch.Elapsed.TotalMinutes:0.0} min"));
}

watch.Stop();
var inspection = await http.GetFromJsonAsync<JsonElement>(new Uri("_sandbox/inspect", UriKind.Relative));
await using var db = await factory.CreateDbContextAsync();
var items = db.Messages.AsNoTracking().Where(m => m.Component != DiagramRunner.CountComponent);
var failed = await items.Where(m => m.Situation == MessageSituation.Failed).Select(m => new { m.Diagram, m.BusinessKey, m.LastError, m.Id }).ToListAsync();
var injected = failed.Where(m => IsInjected(m.LastError)).ToList();

// An injected-fault failure "healed" when a later message of the same diagram and item was processed.
var processed = await items.Where(m => m.Situation == MessageSituation.Processed).GroupBy(m => new { m.Diagram, m.BusinessKey }).Select(g => new { g.Key.Diagram, g.Key.BusinessKey, Last = g.Max(m => m.Id) }).ToListAsync();
var lastProcessed = processed.ToDictionary(p => (p.Diagram, p.BusinessKey), p => p.Last);
var healed = injected.Count(m => lastProcessed.TryGetValue((m.Diagram, m.BusinessKey), out var last) && last > m.Id);
var counts = await db.Messages.AsNoTracking().Where(m => m.Component == DiagramRunner.CountComponent).Select(m => m.Payload!.Content).ToListAsync();
var retried = counts.Sum(c => JsonDocument.Parse(c).RootElement.TryGetProperty("retried", out var r) ? r.GetInt32() : 0);
var summary = new
{
    label,
    faults,
    stepRetry,
    minutes = Math.Round(watch.Elapsed.TotalMinutes, 1),
    passes,
    itemMessages = await items.CountAsync(),
    failedItems = failed.Count,
    injectedFaultFailures = injected.Count,
    injectedFaultFailuresHealedLater = healed,
    otherFailures = failed.Count - injected.Count,
    stepsRetriedInRun = retried,
    faultsInjected = inspection.GetProperty("faultsInjected").GetInt64(),
    lostWriteResponses = Count(inspection, "POST", 504),
    lostResponsesAll = Count(inspection, null, 504),
    injected503 = Count(inspection, null, 503),
    injected429 = Count(inspection, null, 429),
    duplicatesCreated = inspection.GetProperty("vtex").GetProperty("loja-a").GetProperty("duplicatesCreated").GetInt32(),
    failuresByDiagram = injected.GroupBy(m => m.Diagram).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString("00", CultureInfo.InvariantCulture), g => g.Count()),
};
Directory.CreateDirectory(results);
var json = JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true });
await File.WriteAllTextAsync(Path.Combine(results, $"{label}.json"), json);
Console.WriteLine(json);

static bool IsInjected(string? error) =>
    error is not null && (error.Contains("VTEX 503", StringComparison.Ordinal) || error.Contains("VTEX 504", StringComparison.Ordinal)
        || error.Contains("VTEX 429", StringComparison.Ordinal) || error.Contains("circuito aberto", StringComparison.Ordinal));

// Sums the sandbox's VTEX request counters (GET _sandbox/inspect: requests[] of {system, method, route, total, statuses}).
static long Count(JsonElement inspection, string? method, int status)
{
    long total = 0;
    foreach (var route in inspection.GetProperty("requests").EnumerateArray())
    {
        if (route.GetProperty("system").GetString() != "vtex" || (method is not null && route.GetProperty("method").GetString() != method))
        {
            continue;
        }

        total += route.GetProperty("statuses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var count) ? count.GetInt64() : 0;
    }

    return total;
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
