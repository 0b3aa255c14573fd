using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cronos;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// The checks of the kill -9 soak (bench/multinode/README.md, issue #16), run by bench/multinode/run.sh once the nodes have
// settled (they are still running):
//   IpaasMonitor.Bench.MultiNode --provider PostgreSql --db "Host=…" --sandbox http://127.0.0.1:5290/ --kills kills.tsv
//     --live n1-l2,n2-l1,n3-l2 --started 2026-12-07T22:31:00Z --ended 2026-12-07T22:46:00Z --results out.md --label name
// Prints one PASS/FAIL line per check and the figures, writes them to --results, and exits 1 when a check failed.
var arguments = Arguments.Parse(args);
var provider = Enum.Parse<DatabaseProvider>(arguments.Get("provider", "PostgreSql"), ignoreCase: true);
var connectionString = arguments.Get("db", "");
var sandbox = new Uri(arguments.Get("sandbox", "http://127.0.0.1:5290/"));
var kills = Kill.Read(arguments.Get("kills", "kills.tsv"));
var live = arguments.Get("live", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
var started = ParseUtc(arguments.Get("started", DateTime.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture)));
var ended = ParseUtc(arguments.Get("ended", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
var stuckAfter = TimeSpan.FromSeconds(double.Parse(arguments.Get("stuck-after-seconds", "120"), CultureInfo.InvariantCulture));
var results = arguments.Get("results", "");
var label = arguments.Get("label", "multinode");
var machine = arguments.Get("machine", "");
var exitsFile = arguments.Get("exits", "");
var exits = exitsFile.Length > 0 && File.Exists(exitsFile) ? File.ReadAllLines(exitsFile).Where(l => l.Length > 0).ToList() : [];

var services = new ServiceCollection();
services.AddDbContextFactory<IpaasDbContext>(b => DataServiceCollectionExtensions.Configure(b, provider, connectionString));
await using var provided = services.BuildServiceProvider();
var dbFactory = provided.GetRequiredService<IDbContextFactory<IpaasDbContext>>();
await using var db = await dbFactory.CreateDbContextAsync();
var now = DateTime.UtcNow;
var report = new Report(label);
report.Line($"Checked at {now:yyyy-MM-dd HH:mm:ss} UTC; soak {started:HH:mm:ss}–{ended:HH:mm:ss} UTC ({(ended - started).TotalMinutes:0.#} min), provider {provider}, {kills.Count} kill(s) -9, live nodes at the end: {string.Join(", ", live.Order(StringComparer.Ordinal))}");
if (machine.Length > 0)
{
    report.Line("");
    report.Line($"Machine: {machine}");
}

report.Line("");
report.Line("| Kill at (UTC) | Node | Aimed at | What it hit |");
report.Line("|---|---|---|---|");
foreach (var kill in kills)
{
    report.Line($"| {kill.AtUtc:HH:mm:ss.fff} | {kill.Node} | {kill.Target} | {kill.Detail} |");
}

report.Line("");

report.Check("No node died by itself", exits.Count == 0, $"{exits.Count} node(s) exited without a kill{List(exits)}");

// 1. The sandbox outlived every kill: what it saw created twice, by any node in any life.
using (var http = new HttpClient { BaseAddress = sandbox, Timeout = TimeSpan.FromSeconds(60) })
{
    using var inspection = JsonDocument.Parse(await http.GetStringAsync(new Uri("_sandbox/inspect", UriKind.Relative)));
    var vtexDuplicates = 0;
    var details = new List<string>();
    foreach (var account in inspection.RootElement.GetProperty("vtex").EnumerateObject())
    {
        vtexDuplicates += account.Value.GetProperty("duplicatesCreated").GetInt32();
        details.AddRange(account.Value.GetProperty("duplicates").EnumerateArray().Take(10).Select(d => $"{account.Name}: {d.GetRawText()}"));
    }

    var orderDuplicates = inspection.RootElement.TryGetProperty("orders", out var orders) && orders.ValueKind == JsonValueKind.Object
        ? orders.GetProperty("totalDuplicates").GetInt32()
        : 0;
    report.Check(
        "Sandbox duplicates",
        vtexDuplicates + orderDuplicates == 0,
        $"{vtexDuplicates} VTEX entities created twice, {orderDuplicates} order-side duplicates (customers, ERP orders, invoices, cancellations){(details.Count > 0 ? ": " + string.Join("; ", details) : "")}");
}

// 2. A (connection, diagram) never ran on two nodes at once. A run of a killed node ended when its process died (its
// EndedAtUtc is when a live node noticed, later).
var runs = await db.Runs.AsNoTracking().Where(r => r.StartedAtUtc >= started.AddMinutes(-1)).ToListAsync();
var killOf = kills.GroupBy(k => k.Node, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(k => k.AtUtc), StringComparer.Ordinal);
DateTime EffectiveEnd(DiagramRun r) =>
    r.Node is not null && killOf.TryGetValue(r.Node, out var killedAt) && (r.EndedAtUtc is null || r.EndedAtUtc > killedAt) ? killedAt : r.EndedAtUtc ?? DateTime.MaxValue;
var overlaps = new List<string>();
foreach (var pair in runs.GroupBy(r => (r.ConnectionId, r.Diagram)))
{
    var ordered = pair.OrderBy(r => r.StartedAtUtc).ToList();
    for (var i = 1; i < ordered.Count; i++)
    {
        var end = EffectiveEnd(ordered[i - 1]);
        if (ordered[i].StartedAtUtc < end.AddMilliseconds(-1))
        {
            overlaps.Add($"{Describe(ordered[i - 1])} / {Describe(ordered[i])}");
        }
    }
}

report.Check("Every run names its node (the grid shows it)", runs.All(r => !string.IsNullOrEmpty(r.Node)), $"{runs.Count(r => string.IsNullOrEmpty(r.Node))} runs without a node");
report.Check("No pair ran on two nodes at once", overlaps.Count == 0, $"{runs.Count} runs checked{List(overlaps)}");

// 3. Every recurring tick ran once: scheduled runs of a pair mapped to the cron occurrence they belong to (the latest one at
// or before their start, in the schedule's time zone). An interrupted run does not count: its tick may run again.
var settings = await db.DiagramSettings.AsNoTracking().ToListAsync();
var doubledTicks = new List<string>();
var scheduled = runs.Where(r => r.TriggeredBy == Triggers.Scheduler && r.Status != RunStatus.Interrupted).ToList();
foreach (var pair in scheduled.GroupBy(r => (r.ConnectionId, r.Diagram)))
{
    var cron = settings.FirstOrDefault(s => s.ConnectionId == pair.Key.ConnectionId && s.Diagram == pair.Key.Diagram)?.Cron ?? DiagramCatalog.Get(pair.Key.Diagram).Cron;
    var expression = CronExpression.Parse(cron, CronFormat.Standard);
    var occurrences = expression.GetOccurrences(started.AddDays(-1), now, DiagramSchedule.SaoPaulo, fromInclusive: true, toInclusive: true).ToList();
    foreach (var tick in pair.GroupBy(r => occurrences.LastOrDefault(o => o <= r.StartedAtUtc)).Where(t => t.Count() > 1))
    {
        doubledTicks.Add($"D{pair.Key.Diagram:00} {pair.Key.ConnectionId} tick {tick.Key:HH:mm}: {string.Join(" / ", tick.Select(Describe))}");
    }
}

report.Check("Each recurring tick ran once (runs)", doubledTicks.Count == 0, $"{scheduled.Count} scheduled runs (not interrupted){List(doubledTicks)}");
if (provider == DatabaseProvider.PostgreSql)
{
    // Hangfire's own record: one background job per (recurring job, tick), whichever node's scheduler fired it.
    var enqueued = await QueryAsync(
        db,
        """
        SELECT r.value, t.value, count(*) FROM hangfire.jobparameter r JOIN hangfire.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time'
        WHERE r.name = 'RecurringJobId' GROUP BY r.value, t.value HAVING count(*) > 1
        """);
    var ticks = await QueryAsync(db, "SELECT count(*) FROM hangfire.jobparameter WHERE name = 'RecurringJobId'");
    report.Check(
        "Each recurring tick enqueued once (Hangfire)",
        enqueued.Count == 0,
        $"{ticks[0][0]} recurring jobs fired{List(enqueued.Select(e => $"{e[0]} at {e[1]}: {e[2]} jobs").ToList())}");

    // Informative: background jobs that started more than once (a killed node's job fetched again by another node after
    // Hangfire's invisibility timeout).
    var again = await QueryAsync(
        db,
        """
        SELECT j.id, coalesce(p.value, ''), count(*) FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
        LEFT JOIN hangfire.jobparameter p ON p.jobid = j.id AND p.name = 'RecurringJobId'
        WHERE s.name = 'Processing' GROUP BY j.id, p.value HAVING count(*) > 1 ORDER BY j.id
        """);
    report.Info("Hangfire jobs started more than once", $"{again.Count}{List(again.Select(a => $"job {a[0]} {a[1]}: {a[2]} starts").ToList())}");
}

// 4. Runs cut by a kill ended Interrupted, and nothing is Running on a node that is gone.
var cut = runs.Where(r => r.Node is not null && killOf.TryGetValue(r.Node, out var killedAt) && r.StartedAtUtc <= killedAt && (r.EndedAtUtc is null || r.EndedAtUtc > killedAt)).ToList();
var notInterrupted = cut.Where(r => r.Status != RunStatus.Interrupted).ToList();
var lag = cut.Where(r => r.Status == RunStatus.Interrupted && r.EndedAtUtc is not null).Select(r => (r.EndedAtUtc!.Value - killOf[r.Node!]).TotalSeconds).DefaultIfEmpty().Max();
report.Check(
    "Runs of killed nodes ended Interrupted",
    notInterrupted.Count == 0,
    $"{cut.Count} runs were running at a kill, {cut.Count - notInterrupted.Count} ended Interrupted (at most {lag:0} s after the kill){List(notInterrupted.Select(Describe).ToList())}");
var orphans = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running).ToListAsync();
var deadRunning = orphans.Where(r => r.Node is null || !live.Contains(r.Node)).ToList();
report.Check("No run left Running on a dead node", deadRunning.Count == 0, $"{orphans.Count} running now{List(deadRunning.Select(Describe).ToList())}");
var wronglyInterrupted = runs.Where(r => r.Status == RunStatus.Interrupted && (r.Node is null || !killOf.ContainsKey(r.Node))).ToList();
report.Check("No live node's run interrupted", wronglyInterrupted.Count == 0, $"{runs.Count(r => r.Status == RunStatus.Interrupted)} interrupted runs{List(wronglyInterrupted.Select(r => Describe(r) + ": " + r.Error).ToList())}");

// 5. Nothing left Processing, nothing re-queued left waiting, no pending job (embedded default) left behind.
var threshold = now - stuckAfter;
var processing = await db.Messages.AsNoTracking().Where(m => m.Situation == MessageSituation.Processing).Select(m => new { m.ConnectionId, m.Diagram, m.UpdatedAtUtc }).ToListAsync();
var stuckProcessing = processing.Where(m => m.UpdatedAtUtc < threshold).ToList();
report.Check(
    "No message left Processing",
    stuckProcessing.Count == 0,
    $"{processing.Count} Processing now, {stuckProcessing.Count} of them for more than {stuckAfter.TotalSeconds:0} s{List(stuckProcessing.GroupBy(m => (m.ConnectionId, m.Diagram)).Select(g => $"D{g.Key.Diagram:00} {g.Key.ConnectionId}: {g.Count()} since {g.Min(m => m.UpdatedAtUtc):HH:mm:ss}").ToList())}");
var requeued = await db.Messages.AsNoTracking().Where(m => m.Situation == MessageSituation.Requeued).Select(m => new { m.ConnectionId, m.Diagram, m.UpdatedAtUtc }).ToListAsync();
var waiting = requeued.Where(m => m.UpdatedAtUtc < threshold).ToList();
report.Check(
    "No re-queued message left waiting",
    waiting.Count == 0,
    $"{requeued.Count} Requeued now, {waiting.Count} of them waiting more than {stuckAfter.TotalSeconds:0} s{List(waiting.GroupBy(m => (m.ConnectionId, m.Diagram)).Select(g => $"D{g.Key.Diagram:00} {g.Key.ConnectionId}: {g.Count()} since {g.Min(m => m.UpdatedAtUtc):HH:mm:ss}").ToList())}");
// The embedded default's pending work (ADR-027): every row a kill left must be done (its job deletes it) once the
// restarted process has worked through its backlog; waits up to --drain-seconds for that, then names what is left.
var pendingIdsAtKills = kills.SelectMany(k => k.PendingJobIds).Distinct().ToList();
var drainLimit = TimeSpan.FromSeconds(double.Parse(arguments.Get("drain-seconds", "300"), CultureInfo.InvariantCulture));
List<PendingJob> leftFromKills;
while (true)
{
    await using var fresh = await dbFactory.CreateDbContextAsync();
    leftFromKills = await fresh.PendingJobs.AsNoTracking().Where(p => pendingIdsAtKills.Contains(p.Id)).ToListAsync();
    if (leftFromKills.Count == 0 || DateTime.UtcNow - now > drainLimit)
    {
        break;
    }

    await Task.Delay(TimeSpan.FromSeconds(5));
}

var drained = DateTime.UtcNow - now;
var runningNow = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running).ToListAsync();

// A row whose pair is running now is owed, not lost: its job met the pair's lease, which runs it again when that run
// releases it (ADR-026), and the row stays until then. Only a row with nothing running for its pair is lost work.
var lost = leftFromKills.Where(p => !runningNow.Any(r => r.ConnectionId == p.ConnectionId && r.Diagram == p.Diagram)).ToList();
report.Check(
    "Pending jobs replayed",
    lost.Count == 0,
    $"{pendingIdsAtKills.Count} pending-job rows were in the store right after the kills; {leftFromKills.Count} left ({lost.Count} with nothing running for their pair) {drained.TotalSeconds:0} s after the check began (waits up to {drainLimit.TotalSeconds:0} s){List(leftFromKills.Select(p => $"#{p.Id} {p.Kind} D{p.Diagram:00} {p.ConnectionId} ({p.TriggeredBy}) due {p.DueAtUtc:HH:mm:ss}{(runningNow.Any(r => r.ConnectionId == p.ConnectionId && r.Diagram == p.Diagram) ? ", its pair is running" : "")}").ToList())}");
var pendingNow = await db.PendingJobs.AsNoTracking().ToListAsync();
report.Info("Pending-job rows now", $"{pendingNow.Count}, {pendingNow.Count(p => p.DueAtUtc < DateTime.UtcNow - stuckAfter)} of them due more than {stuckAfter.TotalSeconds:0} s ago");

// The hourly counters (ADR-021) move with every change of situation, in its transaction: with several nodes changing the
// same messages (a bulk re-queue stepped by every node) they must still equal the messages. Both read in one snapshot.
List<(string ConnectionId, int Diagram, MessageSituation Situation, long Count)> counted = [], actual = [];
await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
{
    await using var snapshot = await db.Database.BeginTransactionAsync(provider == DatabaseProvider.PostgreSql ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable);
    counted = (await db.MessageCounters.AsNoTracking().GroupBy(c => new { c.ConnectionId, c.Diagram, c.Situation }).Select(g => new { g.Key.ConnectionId, g.Key.Diagram, g.Key.Situation, Count = g.Sum(c => c.Count) }).ToListAsync())
        .Select(c => (c.ConnectionId, c.Diagram, c.Situation, c.Count)).ToList();
    actual = (await db.Messages.AsNoTracking().GroupBy(m => new { m.ConnectionId, m.Diagram, m.Situation }).Select(g => new { g.Key.ConnectionId, g.Key.Diagram, g.Key.Situation, Count = (long)g.Count() }).ToListAsync())
        .Select(a => (a.ConnectionId, a.Diagram, a.Situation, a.Count)).ToList();
    await snapshot.CommitAsync();
});

var drift = counted.Select(c => (c.ConnectionId, c.Diagram, c.Situation)).Union(actual.Select(a => (a.ConnectionId, a.Diagram, a.Situation)))
    .Select(k => (Key: k, Counted: counted.Where(c => (c.ConnectionId, c.Diagram, c.Situation) == k).Sum(c => c.Count), Actual: actual.Where(a => (a.ConnectionId, a.Diagram, a.Situation) == k).Sum(a => a.Count)))
    .Where(d => d.Counted != d.Actual).OrderBy(d => d.Key.Diagram).ThenBy(d => d.Key.ConnectionId, StringComparer.Ordinal).ToList();
report.Check(
    "Hourly counters match the messages",
    drift.Count == 0,
    $"{drift.Count} (connection, diagram, situation) totals differ{List(drift.Select(d => $"D{d.Key.Diagram:00} {d.Key.ConnectionId} {d.Key.Situation}: counted {d.Counted}, messages {d.Actual}").ToList())}");

// 6. Bulk re-queues (started by run.sh in the store, as the desk does) finished or moving.
var batches = await db.RequeueBatches.AsNoTracking().OrderBy(b => b.Id).ToListAsync();
foreach (var batch in batches)
{
    var states = await db.RequeueBatchItems.AsNoTracking().Where(i => i.BatchId == batch.Id).GroupBy(i => i.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    report.Info(
        $"Bulk re-queue #{batch.Id} ({batch.Description})",
        $"created {batch.CreatedAtUtc:HH:mm:ss}, {(batch.CompletedAtUtc is { } done ? $"completed {done:HH:mm:ss}" : "not completed")}: {string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Count}"))}");
}

// 7. The figures.
var situations = await db.Messages.AsNoTracking().GroupBy(m => m.Situation).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
report.Info("Messages", string.Join(", ", situations.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Count:N0}")));
report.Info("Runs", string.Join(", ", runs.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")));
report.Info("Runs per node", string.Join(", ", runs.GroupBy(r => r.Node ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
report.Info("Runs per trigger", string.Join(", ", runs.GroupBy(r => r.TriggeredBy).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
var firstPass = runs.Where(r => r.TriggeredBy == Triggers.Startup && r.Status == RunStatus.Completed).Select(r => r.EndedAtUtc).Max();
report.Info("Last start-up run completed", firstPass is { } last ? $"{last:HH:mm:ss} ({(last - started).TotalMinutes:0.0} min after the start)" : "none");

var text = report.ToString();
Console.WriteLine(text);
if (results.Length > 0)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(results))!);
    await File.WriteAllTextAsync(results, text);
}

return report.Failed ? 1 : 0;

static string Describe(DiagramRun r) =>
    string.Create(CultureInfo.InvariantCulture, $"D{r.Diagram:00} {r.ConnectionId} {r.Status} on {r.Node} {r.StartedAtUtc:HH:mm:ss.fff}–{r.EndedAtUtc:HH:mm:ss.fff} ({r.TriggeredBy})");

static string List(IReadOnlyCollection<string> items) =>
    items.Count == 0 ? "" : ":<br>" + string.Join("<br>", items.Take(20)) + (items.Count > 20 ? $"<br>… and {items.Count - 20} more" : "");

static DateTime ParseUtc(string value) =>
    DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

static async Task<List<string[]>> QueryAsync(IpaasDbContext db, string sql)
{
    var connection = db.Database.GetDbConnection();
    if (connection.State != System.Data.ConnectionState.Open)
    {
        await connection.OpenAsync();
    }

    await using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // constant SQL written above, no input
    command.CommandText = sql;
#pragma warning restore CA2100
    await using var reader = await command.ExecuteReaderAsync();
    var rows = new List<string[]>();
    while (await reader.ReadAsync())
    {
        var row = new string[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        }

        rows.Add(row);
    }

    return rows;
}

/// <summary>One kill -9 as run.sh wrote it: when, which node life, what it aimed at, what was running, pending-job rows then.</summary>
internal sealed record Kill(DateTime AtUtc, string Node, string Target, string Detail, IReadOnlyList<long> PendingJobIds)
{
    public static List<Kill> Read(string path) =>
        !File.Exists(path)
            ? []
            : File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(f => new Kill(
                DateTime.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                f[1],
                f.Length > 2 ? f[2] : "",
                f.Length > 3 ? f[3] : "",
                f.Length > 4 ? f[4].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList() : [])).ToList();
}

/// <summary>The checks and figures, as markdown.</summary>
internal sealed class Report(string label)
{
    private readonly StringBuilder checks = new();
    private readonly StringBuilder info = new();
    private readonly StringBuilder header = new();

    public bool Failed { get; private set; }

    public void Line(string text) => header.AppendLine(text);

    public void Check(string name, bool passed, string detail)
    {
        Failed |= !passed;
        checks.AppendLine(CultureInfo.InvariantCulture, $"| {(passed ? "PASS" : "**FAIL**")} | {name} | {detail} |");
    }

    public void Info(string name, string detail) => info.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {detail} |");

    public override string ToString() =>
        $"# Multi-node kill -9 soak: {label}\n\n{header}\n| Result | Check | Detail |\n|---|---|---|\n{checks}\n| Figure | Value |\n|---|---|\n{info}\n{(Failed ? "RESULT: FAIL" : "RESULT: PASS")}\n";
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
