using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using IpaasMonitor.Testing.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Nodes;

/// <summary>
/// Three app processes on one PostgreSQL database (ADR-020, ADR-026) share the work: their three first passes and the
/// recurring ticks run each (connection, diagram) on one node at a time, a tick once; <c>kill -9</c> of the node running a
/// hub → VTEX row mid-run: another node takes the pair over once the dead node's heartbeat is stale, its run ends
/// Interrupted, and the sandbox saw no duplicate.
/// </summary>
public sealed class MultiNodeTests
{
    // Short timings so the takeover is seen in seconds (the defaults are 60 s / 15 s), still longer than a slow start on 2 busy cores.
    private static readonly Dictionary<string, string?> FastNodes = new()
    {
        ["Nodes:LeaseDuration"] = "00:00:20",
        ["Nodes:LeaseRenewal"] = "00:00:04",
        ["Nodes:HeartbeatInterval"] = "00:00:04",
        ["Nodes:NodeTimeout"] = "00:00:20",
        ["Nodes:StartupRetryDelay"] = "00:00:01",
        ["Scheduling:Recurring"] = "true",
    };

    [Fact]
    public async Task ThreeNodes_ShareOneStore_NeverRunAPairTwiceAtOnce_AndTakeOverAKilledNodesWork_WithoutDuplicates()
    {
        var database = PostgreSqlTestServer.CreateDatabase("ipaas_nodes");
        try
        {
            await using var cluster = await NodeCluster.StartAsync(DatabaseProvider.PostgreSql, database, referenceCount: 40);
            await RunAsync(cluster);
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(database);
        }
    }

    private static async Task RunAsync(NodeCluster cluster)
    {
        // The store is migrated once, and 01 ticks every minute, before the nodes start.
        await using (var db = await cluster.Db.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            db.DiagramSettings.Add(new DiagramSetting { ConnectionId = NodeCluster.Connection, Diagram = 1, Enabled = true, Cron = "* * * * *" });
            await db.SaveChangesAsync();
        }

        var vtexRows = DiagramCatalog.StartupOrder.Where(d => DiagramCatalog.Get(d).Target == SystemSide.Vtex).ToHashSet();
        // The three start together on the fresh store: the first-start seeding runs once, under its lease (roles, accounts
        // and the default alert rules are not inserted twice).
        AppProcess[] nodes = await Task.WhenAll(new[] { "node-1", "node-2", "node-3" }.Select(n => cluster.StartNodeAsync(n, FastNodes)));
        (await cluster.QueryAsync(db => db.AlertRules.CountAsync())).Should().Be(IpaasMonitor.Web.Alerts.AlertRuleSeeder.Defaults(k => k).Count, "the default rules are seeded once");

        var victim = (await Wait.UntilAsync(
            () => cluster.QueryAsync(db => db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running).ToListAsync()),
            runs => runs.Any(r => vtexRows.Contains(r.Diagram)),
            TimeSpan.FromSeconds(180),
            "a hub → VTEX run in progress")).First(r => vtexRows.Contains(r.Diagram));
        var killed = nodes[int.Parse(victim.Node!.AsSpan("node-".Length), System.Globalization.CultureInfo.InvariantCulture) - 1];
        await killed.KillAsync();
        var killedAt = DateTime.UtcNow;

        // Another node runs the pair again, after the dead node's lease is freed; the dead run ends Interrupted.
        var takeover = await Wait.UntilAsync(
            () => cluster.QueryAsync(db => db.Runs.AsNoTracking()
                .Where(r => r.Diagram == victim.Diagram && r.Node != victim.Node && r.StartedAtUtc > victim.StartedAtUtc && r.Status == RunStatus.Completed).ToListAsync()),
            runs => runs.Count > 0,
            TimeSpan.FromSeconds(120),
            $"another node running diagram {victim.Diagram} after {victim.Node} was killed");
        takeover[0].StartedAtUtc.Should().BeAfter(killedAt.AddSeconds(-1));
        var dead = await Wait.UntilAsync(
            () => cluster.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == victim.Id)),
            r => r.Status != RunStatus.Running,
            TimeSpan.FromSeconds(60),
            "the killed node's run to be found interrupted");
        dead.Status.Should().Be(RunStatus.Interrupted);

        // At least one minute tick of 01 seen by the two survivors, then the pass and the ticks are checked.
        await Wait.UntilAsync(
            () => cluster.QueryAsync(db => db.Runs.CountAsync(r => r.Diagram == 1 && r.TriggeredBy == Triggers.Scheduler && r.StartedAtUtc > killedAt && r.Status != RunStatus.Running)),
            n => n > 0,
            TimeSpan.FromSeconds(90),
            "a scheduled tick of 01 after the kill");
        var runs = await cluster.QueryAsync(db => db.Runs.AsNoTracking().ToListAsync());
        var report = string.Join("\n", runs.OrderBy(r => r.StartedAtUtc).Select(NodeCluster.Describe));

        runs.Select(r => r.Node).Distinct().Should().HaveCountGreaterThan(1, "the nodes share the work\n" + report);
        foreach (var pair in runs.GroupBy(r => (r.ConnectionId, r.Diagram)))
        {
            var ordered = pair.OrderBy(r => r.StartedAtUtc).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = ordered[i - 1];
                var previousEnd = previous.Status == RunStatus.Interrupted && previous.Node == victim.Node ? killedAt : previous.EndedAtUtc ?? DateTime.MaxValue;
                ordered[i].StartedAtUtc.Should().BeOnOrAfter(previousEnd.AddMilliseconds(-1), $"diagram {pair.Key.Diagram} never runs on two nodes at once\n{report}");
            }
        }

        runs.Where(r => r.Diagram == 1 && r.TriggeredBy == Triggers.Scheduler)
            .GroupBy(r => new DateTime(r.StartedAtUtc.Ticks - (r.StartedAtUtc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc))
            .Should().OnlyContain(tick => tick.Count() == 1, "every recurring tick runs once\n" + report);
        runs.Where(r => r.Node == victim.Node).Should().OnlyContain(r => r.Status != RunStatus.Running, report);
        cluster.Duplicates().Should().Be(0, report);
    }
}
