using System.Diagnostics;
using System.Globalization;
using System.Text;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IpaasMonitor.Bench;

/// <summary>
/// Recording throughput on PostgreSQL (issue #16): N nodes, each a separate process (this harness started again as
/// <c>record-node</c>) with one <see cref="MessageRecorder"/>, recording into the same store at the same instant. The
/// rate is every node's messages over the wall time from the first node's start to the last node's end. Between rows
/// the recorded messages are deleted and the tables vacuumed, so each row starts from the store as generated.
/// </summary>
internal static class PostgreSqlRecordRun
{
    private const string ResultPrefix = "NODE-RESULT ";

    public static async Task RunAsync(BenchOptions options, StringBuilder report)
    {
        var connectionString = options.PostgreSql ?? throw new ArgumentException("--pg <connection string> is required");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var self = Environment.ProcessPath!;
        var dll = typeof(PostgreSqlRecordRun).Assembly.Location;
        if (options.RecordWarmup > 0)
        {
            // Kept: a generated store's pages each keep a few hundred free bytes that VACUUM lists in the free space map,
            // and a new row goes to such a page first, one row per page and each page's first change after a checkpoint
            // a full page image in the WAL (94 % of the WAL of a measured row in pg_waldump). A live store has used most
            // of them up.
            var warmup = Stopwatch.StartNew();
            await RunNodesAsync(self, dll, connectionString, batch: options.RecordBatches[0], nodes: 1, perNode: options.RecordWarmup, resultsDirectory: options.ResultsDirectory);
            await ExecuteAsync(dataSource, "VACUUM (ANALYZE) \"Messages\", \"MessagePayloads\", \"MessageAttempts\"");
            Console.WriteLine($"  warm-up: {options.RecordWarmup:N0} messages recorded and kept in {warmup.Elapsed.TotalSeconds:N0} s");
        }

        var storeMessages = await ScalarAsync(dataSource, "SELECT COUNT(*) FROM \"Messages\"");
        var highWater = await ScalarAsync(dataSource, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Messages\"");
        report.AppendLine(CultureInfo.InvariantCulture, $"## Recording throughput on PostgreSQL (MessageRecorder, 2 KB JSON payloads), store of {storeMessages:N0} messages");
        report.AppendLine();
        report.AppendLine("Each node is a separate process with one recorder (diagram 14, one connection per node, alternating); all nodes start at");
        report.AppendLine("the same instant. Messages/s = all nodes' messages / (last end − first start). The merge of the business-key index");
        report.AppendLine("(one node runs it, ADR-013) is timed after, on its own.");
        report.AppendLine();
        if (options.RecordWarmup > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"Before the rows, {options.RecordWarmup:N0} messages were recorded and kept (`--record-warmup`), then the tables vacuumed.");
            report.AppendLine();
        }

        report.AppendLine("| Batch | Nodes (processes) | Messages | Seconds | Messages/s | per node msg/s | Merge s | Record + merge msg/s | Load during |");
        report.AppendLine("|---:|---:|---:|---:|---:|---|---:|---:|---|");
        foreach (var batch in options.RecordBatches)
        {
            foreach (var nodes in options.Nodes)
            {
                await ResetAsync(dataSource, highWater);
                var perNode = options.RecordMessages / nodes;
                var results = await RunNodesAsync(self, dll, connectionString, batch, nodes, perNode, options.ResultsDirectory);
                var load = Load.Describe();
                var seconds = (results.Max(r => r.End) - results.Min(r => r.Start)) / 1000.0;
                var total = results.Sum(r => r.Count);
                var recorded = await ScalarAsync(dataSource, $"SELECT COUNT(*) FROM \"Messages\" WHERE \"Id\" > {highWater}");
                if (recorded != total)
                {
                    throw new InvalidOperationException($"Recorded {recorded:N0} messages, the nodes reported {total:N0}.");
                }

                var perNodeRates = string.Join(", ", results.Select(r => (r.Count / ((r.End - r.Start) / 1000.0)).ToString("N0", CultureInfo.InvariantCulture)));
                var mergeWatch = Stopwatch.StartNew();
                var merged = await new BusinessKeyIndexMerge(Factory(connectionString), TimeProvider.System, NullLogger<BusinessKeyIndexMerge>.Instance)
                    .MergeAsync(TimeSpan.Zero, CancellationToken.None);
                var mergeSeconds = mergeWatch.Elapsed.TotalSeconds;
                Console.WriteLine($"  batch {batch}, {nodes} node(s): {total / seconds:N0} msg/s ({perNodeRates}); merged {merged:N0} in {mergeSeconds:N1} s");
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {batch:N0} | {nodes} | {total:N0} | {seconds:N1} | **{total / seconds:N0}** | {perNodeRates} | {mergeSeconds:N1} | {total / (seconds + mergeSeconds):N0} | {load} |");
            }
        }

        await ResetAsync(dataSource, highWater);
        report.AppendLine();
    }

    // N record-node processes, all starting at the same agreed instant; their start, end and count.
    private static async Task<List<(long Start, long End, long Count)>> RunNodesAsync(
        string self, string dll, string connectionString, int batch, int nodes, int perNode, string resultsDirectory)
    {
        var startAt = DateTime.UtcNow.AddSeconds(8); // every process up and JIT-warmed before it
        var processes = Enumerable.Range(0, nodes).Select(n => Process.Start(new ProcessStartInfo(self)
        {
            ArgumentList =
            {
                dll, "record-node", "--pg", connectionString, "--record-batches", batch.ToString(CultureInfo.InvariantCulture),
                "--record-messages", perNode.ToString(CultureInfo.InvariantCulture), "--node", n.ToString(CultureInfo.InvariantCulture),
                "--start-at", startAt.ToString("O", CultureInfo.InvariantCulture), "--results", resultsDirectory,
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!).ToList();
        var outputs = await Task.WhenAll(processes.Select(p => p.StandardOutput.ReadToEndAsync()));
        foreach (var p in processes)
        {
            await p.WaitForExitAsync();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"A record-node exited with {p.ExitCode}: {string.Join('\n', outputs)}");
            }
        }

        return outputs.Select(o => o.Split('\n').Single(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))[ResultPrefix.Length..].Split(' '))
            .Select(f => (Start: long.Parse(f[0], CultureInfo.InvariantCulture), End: long.Parse(f[1], CultureInfo.InvariantCulture), Count: long.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>One node: records its share as one diagram run would, from the agreed instant, and prints its start, end and count.</summary>
    public static async Task<int> NodeAsync(BenchOptions options)
    {
        var connectionString = options.PostgreSql ?? throw new ArgumentException("--pg <connection string> is required");
        var factory = Factory(connectionString);
        var payloads = Enumerable.Range(0, 1_000)
            .Select(i => PayloadFactory.Create(new Random(i), 14, $"SKU{i:D6}", null, 2_048))
            .ToArray();
        var batch = options.RecordBatches[0];
        var connection = StoreShape.Connections[options.NodeIndex % 2];
        await using (var db = await factory.CreateDbContextAsync())
        {
            // Warm the pool and EF's model before the agreed start.
            await db.Messages.AsNoTracking().OrderByDescending(m => m.Id).Take(1).ToListAsync();
        }

        var wait = options.StartAtUtc - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var recorder = new MessageRecorder(factory, TimeProvider.System, connection, 14, Guid.NewGuid(), "bench", batch))
        {
            for (var i = 0; i < options.RecordMessages; i++)
            {
                var key = $"SKU{(i + (options.NodeIndex * 20_000)) % 60_000:D6}";
                var result = i % 20 == 0
                    ? ItemResult.Fail("PUT VTEX", key, payloads[i % payloads.Length], "VTEX respondeu 429", "{\"error\":\"429\"}")
                    : ItemResult.Ok("UPDATE OK", key, payloads[i % payloads.Length]);
                await recorder.RecordAsync(result, CancellationToken.None);
            }
        }

        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix}{start} {end} {options.RecordMessages}"));
        return 0;
    }

    private static IDbContextFactory<IpaasDbContext> Factory(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<IpaasDbContext>(b => DataServiceCollectionExtensions.Configure(b, DatabaseProvider.PostgreSql, connectionString));
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<IpaasDbContext>>();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    // Back to the store as generated: the recorded messages deleted (payloads and attempts by cascade), the resolutions
    // they made undone, and the tables vacuumed so the next row reuses the freed space as a live store would.
    private static async Task ResetAsync(NpgsqlDataSource dataSource, long highWater)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var sql in new[]
        {
            // Children first: on PostgreSQL they have no foreign key to cascade from (ADR-020 amendment).
            $"DELETE FROM \"MessageAttempts\" WHERE \"MessageId\" > {highWater}",
            $"DELETE FROM \"MessagePayloads\" WHERE \"MessageId\" > {highWater}",
            $"DELETE FROM \"Messages\" WHERE \"Id\" > {highWater}",
            "UPDATE \"Messages\" SET \"ResolvedByMessageId\" = NULL, \"ResolvedAtUtc\" = NULL WHERE \"ResolvedAtUtc\" IS NOT NULL",
            "VACUUM (ANALYZE) \"Messages\", \"MessagePayloads\", \"MessageAttempts\"",
            "CHECKPOINT",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }
}
