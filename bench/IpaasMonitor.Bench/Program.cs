using System.Globalization;
using System.Text;
using IpaasMonitor.Bench;

// One command: `bash bench/run.sh` (see bench/README.md). Subcommands:
//   all [--sizes 1000000,10000000]     generate (or reuse) each store, then queries + recording + purge, report
//   generate <messages>                build the store only
//   queries <messages>                 grid queries vs the naive baseline
//   record                             recording throughput through MessageRecorder
//   purge <messages>                   grid p95 idle vs while MessageRetention purges (on a copy of the store)
//   generate|queries|record --provider postgresql --pg CS   the same on a PostgreSQL store (record: 1 and 3 node processes)
//   load --url U --server-pid P        N sessions over HTTP against a running app (bench/run.sh starts it)
//   browsers --url U --server-pid P    N Chromium sessions with live refresh (real circuits) against a running app
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
if (options.Command == "record-node")
{
    // A child of `record --provider postgresql`: no report of its own.
    return await PostgreSqlRecordRun.NodeAsync(options);
}

Directory.CreateDirectory(options.DataDirectory);
Directory.CreateDirectory(options.ResultsDirectory);
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Bench run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}; at start: {Load.Describe()}.");
report.AppendLine();

switch (options.Command)
{
    case "generate" when options.IsPostgreSql:
        foreach (var size in options.Sizes)
        {
            await StoreGenerator.EnsurePostgreSqlAsync(options, size);
        }

        break;
    case "generate":
        foreach (var size in options.Sizes)
        {
            await StoreGenerator.EnsureAsync(options.StorePath(size), size, options.EndUtc);
        }

        break;
    case "queries" when options.IsPostgreSql:
        foreach (var size in options.Sizes)
        {
            var info = await StoreGenerator.EnsurePostgreSqlAsync(options, size)
                ?? throw new InvalidOperationException("The PostgreSQL store is not finished.");
            await Runs.QueriesAsync(options, size, info, report);
        }

        break;
    case "record" when options.IsPostgreSql:
        await PostgreSqlRecordRun.RunAsync(options, report);
        break;
    case "queries":
        foreach (var size in options.Sizes)
        {
            var info = await StoreGenerator.EnsureAsync(options.StorePath(size), size, options.EndUtc);
            await Runs.QueriesAsync(options, size, info, report);
        }

        break;
    case "record":
        await Runs.RecordAsync(options, report);
        break;
    case "purge":
        foreach (var size in options.Sizes)
        {
            var info = await StoreGenerator.EnsureAsync(options.StorePath(size), size, options.EndUtc);
            await Runs.PurgeAsync(options, size, info, report);
        }

        break;
    case "load":
        {
            var size = options.Sizes.Max();
            var info = StoreInfo.Read(options.StorePath(size) + ".json");
            await LoadRun.RunAsync(options.Url, options.Sessions, TimeSpan.FromSeconds(options.LoadSeconds), options.ServerPid, info.EndUtc, report);
            break;
        }

    case "browsers":
        {
            var size = options.Sizes.Max();
            var info = StoreInfo.Read(options.StorePath(size) + ".json");
            await BrowserLoadRun.RunAsync(options.Url, options.Sessions, TimeSpan.FromSeconds(options.LoadSeconds), options.ServerPid, info.EndUtc, report);
            break;
        }

    case "all":
        foreach (var size in options.Sizes)
        {
            var info = await StoreGenerator.EnsureAsync(options.StorePath(size), size, options.EndUtc);
            await Runs.QueriesAsync(options, size, info, report);
        }

        await Runs.RecordAsync(options, report);
        if (!options.SkipPurge)
        {
            var largest = options.Sizes.Max();
            await Runs.PurgeAsync(options, largest, await StoreGenerator.EnsureAsync(options.StorePath(largest), largest, options.EndUtc), report);
        }

        break;
    default:
        Console.Error.WriteLine($"Unknown command '{options.Command}'. Use all | generate | queries | record | purge | load | browsers.");
        return 2;
}

report.AppendLine(CultureInfo.InvariantCulture, $"At end: {Load.Describe()}.");
var output = Path.Combine(options.ResultsDirectory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{options.Command}.md");
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine();
Console.WriteLine(report.ToString());
Console.WriteLine($"Written to {output}");
return 0;
