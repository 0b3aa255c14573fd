using System.Globalization;

namespace IpaasMonitor.Bench;

internal sealed class BenchOptions
{
    public string Command { get; private set; } = "all";

    public IReadOnlyList<long> Sizes { get; private set; } = [1_000_000, 10_000_000];

    /// <summary>Where the stores live: outside the repository (they are gigabytes).</summary>
    public string DataDirectory { get; private set; } = Environment.GetEnvironmentVariable("BENCH_DATA") ?? "/work/benchdata";

    public string ResultsDirectory { get; private set; } = Path.Combine(AppContext.BaseDirectory, "results");

    public int Rounds { get; private set; } = 3;

    public int Iterations { get; private set; } = 100;

    public TimeSpan NaiveBudget { get; private set; } = TimeSpan.FromSeconds(20);

    public bool RunNaive { get; private set; } = true;

    public bool SkipPurge { get; private set; }

    /// <summary>Only the query scenarios of this kind (grid, counts, detail, overview); all when null.</summary>
    public string? Kind { get; private set; }

    public int RecordMessages { get; private set; } = 200_000;

    /// <summary>
    /// PostgreSQL recording: messages recorded once before the measured rows and kept, so the free space the generator's
    /// bulk load left in every page is used up as in a store that has been live for a while (bench/README.md).
    /// </summary>
    public int RecordWarmup { get; private set; }

    public IReadOnlyList<int> RecordBatches { get; private set; } = [500, 2_000, 5_000];

    /// <summary>
    /// 0: record only. N: every N messages each recorder also commits a hub-state change (a watermark) through itself, as
    /// an ERP read does with each page it stores (ADR-027): its messages are then written in transactions of N, waited for.
    /// </summary>
    public int RecordCommitEvery { get; private set; }

    public Uri Url { get; private set; } = new("http://127.0.0.1:5080");

    public int Sessions { get; private set; } = 50;

    public int LoadSeconds { get; private set; } = 120;

    public int ServerPid { get; private set; }

    /// <summary>The stores end at a fixed instant so the same command rebuilds the same store.</summary>
    public DateTime EndUtc { get; private set; } = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>sqlite (the default) or postgresql: the store the commands run against.</summary>
    public string Provider { get; private set; } = "sqlite";

    public bool IsPostgreSql => Provider == "postgresql";

    /// <summary>The PostgreSQL bench database's connection string (--pg); its store info lives in the data directory.</summary>
    public string? PostgreSql { get; private set; }

    /// <summary>generate on PostgreSQL: copy the rows of this generated SQLite store instead of building them again.</summary>
    public string? FromSqlite { get; private set; }

    /// <summary>generate on PostgreSQL: stop after the rows are loaded (free the source's disk, then run again for the indexes).</summary>
    public bool LoadOnly { get; private set; }

    /// <summary>record on PostgreSQL: the numbers of nodes (separate processes, one recorder each) recording at once.</summary>
    public IReadOnlyList<int> Nodes { get; private set; } = [1, 3];

    /// <summary>record-node (a child process): the UTC instant all nodes start recording at.</summary>
    public DateTime StartAtUtc { get; private set; }

    public int NodeIndex { get; private set; }

    public string PostgreSqlInfoPath(long size) => Path.Combine(DataDirectory, $"pg-store-{Label(size)}.json");

    public string StorePath(long size) => Path.Combine(DataDirectory, $"store-{Label(size)}.db");

    public string NaivePath(long size) => Path.Combine(DataDirectory, $"naive-{Label(size)}.db");

    public static string Label(long size) => size % 1_000_000 == 0 ? $"{size / 1_000_000}m" : size.ToString(CultureInfo.InvariantCulture);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--sizes": options.Sizes = Next().Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                case "--data": options.DataDirectory = Next(); break;
                case "--results": options.ResultsDirectory = Next(); break;
                case "--rounds": options.Rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--iterations": options.Iterations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--naive-budget": options.NaiveBudget = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--no-naive": options.RunNaive = false; break;
                case "--no-purge": options.SkipPurge = true; break;
                case "--kind": options.Kind = Next(); break;
                case "--record-batches": options.RecordBatches = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                case "--record-commit-every": options.RecordCommitEvery = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--record-messages": options.RecordMessages = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--record-warmup": options.RecordWarmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--provider": options.Provider = Next().ToLowerInvariant(); break;
                case "--pg": options.PostgreSql = Next(); break;
                case "--from-sqlite": options.FromSqlite = Next(); break;
                case "--load-only": options.LoadOnly = true; break;
                case "--nodes": options.Nodes = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                case "--start-at": options.StartAtUtc = DateTime.Parse(Next(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal); break;
                case "--node": options.NodeIndex = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--url": options.Url = new Uri(Next()); break;
                case "--sessions": options.Sessions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": options.LoadSeconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--server-pid": options.ServerPid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: positional.Add(args[i]); break;
            }
        }

        if (positional.Count > 0)
        {
            options.Command = positional[0];
        }

        if (positional.Count > 1)
        {
            options.Sizes = [long.Parse(positional[1], CultureInfo.InvariantCulture)];
        }

        return options;
    }
}
