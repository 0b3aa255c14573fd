using System.Diagnostics;
using System.Globalization;
using System.Text;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Bench;

internal static class Runs
{
    public const double GridTargetMs = 25;
    public const double DetailTargetMs = 10;
    public const double OverviewTargetMs = 50;

    private static readonly int[] RecorderCounts = [1, 2, 4];

    public static async Task QueriesAsync(BenchOptions options, long size, StoreInfo info, StringBuilder report)
    {
        Console.WriteLine($"Queries on {size:N0} messages ({Load.Describe()})...");
        var kinds = options.Kind?.Split(',');
        await using var bench = await QueryBench.CreateAsync(
            options.StorePath(size), options.NaivePath(size), info, options.RunNaive, options.IsPostgreSql ? options.PostgreSql : null,
            prepareFailureGroups: kinds is null || kinds.Contains("desk"));
        var loadBefore = Load.Describe();
        var results = await bench.RunAsync(options.Rounds, options.Iterations, options.NaiveBudget, options.RunNaive, options.Kind);
        var loadAfter = Load.Describe();

        report.AppendLine(CultureInfo.InvariantCulture, $"## Grid queries, {size:N0} messages ({(options.IsPostgreSql ? "PostgreSQL" : "SQLite")})");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Store: {info.FileBytes / 1e9:N2} GB {(options.IsPostgreSql ? "(pg_database_size)" : "on disk")} = **{info.FileBytes / (info.Messages / 1e6) / 1e9:N2} GB per million messages** " +
            $"(payloads {PayloadSizes(info)}); generated in {info.TotalSeconds / 60:N1} min " +
            $"({info.LoadSeconds / 60:N1} load + {info.IndexSeconds / 60:N1} indexes).");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Ours: {options.Rounds} rounds × {options.Iterations} calls per query after warm-up (warm cache); naive: a warm-up call, then up to {options.Iterations} calls " +
            $"while within {options.NaiveBudget.TotalSeconds:N0} s per query (at least one). Load: {loadBefore} before, {loadAfter} after.");
        report.AppendLine();
        report.AppendLine("| Query (as the grid issues it) | p50 ms | p95 ms | p99 ms | target p95 | CPU p50 / p95 ms | naive p50 ms (calls) | naive p95 ms | naive/ours (p95) |");
        report.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var target = r.Scenario.Kind switch { "detail" => DetailTargetMs, "overview" => OverviewTargetMs, _ => GridTargetMs };
            var ok = r.Ours.P95 <= target ? "✅" : "❌";
            var naiveP50 = r.Naive.Count > 0 ? $"{F(r.Naive.P50)} ({r.Naive.Count})" : "–";
            var naiveP95 = r.Naive.Count > 0 ? F(r.Naive.P95) : "–";
            var ratio = r.Naive.Count > 0 ? $"{r.Naive.P95 / r.Ours.P95:N1}×" : "–";
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario.Name} | {F(r.Ours.P50)} | {F(r.Ours.P95)} | {F(r.Ours.P99)} | ≤ {target:N0} {ok} | {F(r.OursCpu.P50)} / {F(r.OursCpu.P95)} | {naiveP50} | {naiveP95} | {ratio} |");
        }

        report.AppendLine();
    }

    public static async Task RecordAsync(BenchOptions options, StringBuilder report)
    {
        var payloads = Enumerable.Range(0, 1_000)
            .Select(i => PayloadFactory.Create(new Random(i), 14, $"SKU{i:D6}", null, 2_048))
            .ToArray();
        report.AppendLine("## Recording throughput (MessageRecorder, 2 KB JSON payloads)");
        report.AppendLine();
        report.AppendLine("Messages/s is the recording rate. The new messages enter the recent business-key index; the merge that moves them");
        report.AppendLine("into the settled one (a recurring job in the app, ADR-013) is timed right after, on its own, and the last column");
        report.AppendLine("counts both: what a store can sustain when every message is recorded and merged.");
        if (options.RecordCommitEvery > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"Every {options.RecordCommitEvery} messages each recorder also commits a watermark with the messages recorded so far (ADR-027).");
        }

        report.AppendLine();
        report.AppendLine("| Store before | Batch | Recorders in parallel | Messages | Seconds | Messages/s | Cores used | Merge s | Record + merge msg/s | Load during |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");

        // Into an empty store, and into a copy of each generated store (copied once, synced to disk before timing so the
        // first checkpoint's fsync does not pay for the copy; the recorded rows are deleted again between rows).
        var targets = new List<(string Label, string Path, long? Source)> { ("empty", Path.Combine(options.DataDirectory, "record-empty.db"), null) };
        targets.AddRange(options.Sizes.Where(size => File.Exists(options.StorePath(size)))
            .Select(size => ($"{size:N0} messages (copy)", Path.Combine(options.DataDirectory, "record-copy.db"), (long?)size)));

        foreach (var (label, path, source) in targets)
        {
            DeleteStore(path);
            if (source is { } size)
            {
                Console.WriteLine($"Copying the {size:N0} store for the recording run...");
                File.Copy(options.StorePath(size), path);
            }

            var factory = Factory(path);
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            var highWater = await ScalarAsync(path, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Messages\"");
            foreach (var (batch, parallel) in options.RecordBatches.SelectMany(b => RecorderCounts.Select(p => (b, p))))
            {
                await ResetAsync(path, highWater);
                var perRecorder = options.RecordMessages / parallel;
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await Parallel.ForAsync(0, parallel, async (r, ct) =>
                {
                    await using var recorder = new MessageRecorder(factory, TimeProvider.System, StoreShape.Connections[r % 2], 14, Guid.NewGuid(), "bench", batch);
                    using var stateWrites = recorder.Use();
                    var watermarks = new WatermarkStore(factory, TimeProvider.System);
                    for (var i = 0; i < perRecorder; i++)
                    {
                        if (options.RecordCommitEvery > 0 && i % options.RecordCommitEvery == 0 && i > 0)
                        {
                            // The page's state with the messages recorded so far, in one transaction (ADR-027).
                            await watermarks.AdvanceAsync(StoreShape.Connections[r % 2], 100 + r, DateTime.UtcNow.AddMinutes(-1), ct);
                        }

                        var key = $"SKU{(i + (r * perRecorder)) % 60_000:D6}";
                        var result = i % 20 == 0
                            ? ItemResult.Fail("PUT VTEX", key, payloads[i % payloads.Length], "VTEX respondeu 429", "{\"error\":\"429\"}")
                            : ItemResult.Ok("UPDATE OK", key, payloads[i % payloads.Length]);
                        await recorder.RecordAsync(result, ct);
                    }
                });
                var seconds = watch.Elapsed.TotalSeconds;
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / seconds;
                var total = perRecorder * parallel;
                var recorded = await ScalarAsync(path, $"SELECT COUNT(*) FROM \"Messages\" WHERE \"Id\" > {highWater}");
                if (recorded != total)
                {
                    throw new InvalidOperationException($"Recorded {recorded:N0} messages, expected {total:N0}.");
                }

                var load = Load.Describe();
                var mergeWatch = Stopwatch.StartNew();
                var merged = await new BusinessKeyIndexMerge(factory, TimeProvider.System, NullLogger<BusinessKeyIndexMerge>.Instance)
                    .MergeAsync(TimeSpan.Zero, CancellationToken.None);
                var mergeSeconds = mergeWatch.Elapsed.TotalSeconds;
                if (merged != total)
                {
                    throw new InvalidOperationException($"Merged {merged:N0} messages, expected {total:N0}.");
                }

                Console.WriteLine($"  recording into {label}, batch {batch}, {parallel} recorder(s): {total / seconds:N0} msg/s, {cpu:N2} cores; merge {mergeSeconds:N1} s");
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {label} | {batch:N0} | {parallel} | {total:N0} | {seconds:N1} | **{total / seconds:N0}** | {cpu:N2} | {mergeSeconds:N1} | {total / (seconds + mergeSeconds):N0} | {load} |");
            }

            SqliteConnection.ClearAllPools();
            DeleteStore(path);
        }

        report.AppendLine();
    }

    private static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    // Back to the store as generated: the previous row's messages deleted (their payloads and attempts by cascade), the
    // WAL checkpointed and everything synced, so each row starts from the same store on disk.
    private static async Task ResetAsync(string path, long highWater)
    {
        await using (var connection = new SqliteConnection($"Data Source={path};Foreign Keys=True"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandTimeout = 0;
            command.CommandText = $"DELETE FROM \"Messages\" WHERE \"Id\" > {highWater}; PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    public static async Task PurgeAsync(BenchOptions options, long size, StoreInfo info, StringBuilder report)
    {
        var copy = Path.Combine(options.DataDirectory, "purge-copy.db");
        DeleteStore(copy);
        Console.WriteLine($"Copying the {size:N0} store for the purge run...");
        File.Copy(options.StorePath(size), copy);
        var toPurge = Math.Min(5_000_000, size / 2);
        var cutoff = new DateTime(
            await ScalarAsync(copy, $"SELECT ReceivedAtUtc FROM Messages WHERE Situation = {(int)MessageSituation.Processed} ORDER BY ReceivedAtUtc LIMIT 1 OFFSET {toPurge}"),
            DateTimeKind.Utc);

        var factory = Factory(copy);
        var queries = new MessageQueries(factory);
        var nowUtc = info.EndUtc;
        var sample = await QueryBench.SampleMessage.LoadAsync(copy, size, 500);
        var keyed = sample.Where(s => s.BusinessKey is not null).ToList();
        var filters = new (string Name, Func<int, Task> Run)[]
        {
            ("first page", _ => queries.GetPageAsync(MessageFilter.None, MessagePageRequest.First(25), CancellationToken.None)),
            ("diagram + failed", _ => queries.GetPageAsync(new MessageFilter { Diagrams = [14], Situations = [MessageSituation.Failed] }, MessagePageRequest.First(25), CancellationToken.None)),
            ("last hour", _ => queries.GetPageAsync(new MessageFilter { ReceivedFromUtc = nowUtc.AddHours(-1) }, MessagePageRequest.First(25), CancellationToken.None)),
            ("business key", i => queries.GetPageAsync(new MessageFilter { Search = keyed[i % keyed.Count].BusinessKey }, MessagePageRequest.First(25), CancellationToken.None)),
            ("counts", _ => queries.CountBySituationAsync(new MessageFilter { ReceivedFromUtc = nowUtc.AddDays(-7) }, MessageQueries.DefaultCountLimit, CancellationToken.None)),
            ("detail", i => queries.GetDetailAsync(sample[i % sample.Count].MessageId, CancellationToken.None)),
        };

        // A fair baseline: warm the copy's pages first (the copy starts cold), then sample idle for a fixed time.
        var n = 0;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(30))
        {
            var f = filters[n % filters.Length];
            await f.Run(n++);
        }

        var idle = new Samples();
        var idleWatch = Stopwatch.StartNew();
        while (idleWatch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var f = filters[n % filters.Length];
            idle.Add(await Samples.TimeAsync(() => f.Run(n)));
            n++;
        }

        var idleLoad = Load.Describe();

        var retention = new MessageRetention(
            factory,
            new FixedClock(cutoff.AddDays(30)),
            new StaticOptions(new RetentionOptions { ProcessedDays = 30, BatchSize = 5_000, PauseMilliseconds = 20 }),
            NullLogger<MessageRetention>.Instance);
        var loadBefore = Load.Describe();
        var watch = Stopwatch.StartNew();
        var purge = Task.Run(() => retention.PurgeAsync(CancellationToken.None));
        var busy = new Samples();
        while (!purge.IsCompleted)
        {
            var f = filters[n % filters.Length];
            busy.Add(await Samples.TimeAsync(() => f.Run(n)));
            n++;
        }

        var deleted = await purge;
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  purged {deleted:N0} in {seconds:N0} s; grid p95 idle {idle.P95:N1} ms, during purge {busy.P95:N1} ms");
        report.AppendLine(CultureInfo.InvariantCulture, $"## Retention purge under load ({size:N0}-message store, copy)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"MessageRetention (batches of 5,000, 20 ms pause) deleted **{deleted:N0}** Processed messages with payloads and attempts in " +
            $"{seconds:N0} s (**{deleted / seconds:N0} messages/s**) while one client cycled the grid's queries " +
            $"(first page, diagram + Failed, last hour, business key, 7-day counts, detail). Idle: 30 s warm-up, then 60 s sampled " +
            $"(load {idleLoad}). Load: {loadBefore} when the purge started, {Load.Describe()} after.");
        report.AppendLine();
        report.AppendLine("| Grid, mixed queries | calls | p50 ms | p95 ms | p99 ms |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| idle | {idle.Count} | {F(idle.P50)} | {F(idle.P95)} | {F(idle.P99)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| during purge | {busy.Count} | {F(busy.P50)} | {F(busy.P95)} | {F(busy.P99)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| ratio (target ≤ 2×) | | {busy.P50 / idle.P50:N2}× | **{busy.P95 / idle.P95:N2}×** {(busy.P95 <= 2 * idle.P95 ? "✅" : "❌")} | {busy.P99 / idle.P99:N2}× |");
        report.AppendLine();
        SqliteConnection.ClearAllPools();
        DeleteStore(copy);
    }

    // A store finished by the resume path knows what it stores but not the JSON size it was generated from.
    private static string PayloadSizes(StoreInfo info) => info.PayloadRawBytes > 0
        ? $"{info.PayloadRawBytes / 1e9:N2} GB as JSON, {info.PayloadStoredBytes / 1e9:N2} GB stored, {(double)info.PayloadRawBytes / info.PayloadStoredBytes:N1}×"
        : $"{info.PayloadStoredBytes / 1e9:N2} GB stored; JSON size not recorded";

    private static string F(double ms) => ms.ToString(ms < 10 ? "N2" : "N1", CultureInfo.InvariantCulture);

    private static IDbContextFactory<IpaasDbContext> Factory(string path)
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<IpaasDbContext>(b => DataServiceCollectionExtensions.Configure(b, DatabaseProvider.Sqlite, $"Data Source={path}"));
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<IpaasDbContext>>();
    }

    private static void DeleteStore(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
    }

    private sealed class StaticOptions(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;

        public RetentionOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }
}
