using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Nodes;

/// <summary>
/// <c>kill -9</c> of the embedded default (SQLite, in-memory Hangfire) during its first pass, then a restart on the same
/// store (ADR-026): nothing is left Running, the dead process's leases are taken over at start instead of after their
/// expiry, the first pass completes, and the sandbox saw no duplicate.
/// </summary>
public sealed class KillRestartTests
{
    [Fact]
    public async Task KilledMidRun_ThenRestarted_InterruptsItsRuns_TakesOverItsLeasesAtOnce_AndCompletesTheFirstPass_WithoutDuplicates()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ipaas-kill-{Guid.NewGuid():N}.db");
        await using var cluster = await NodeCluster.StartAsync(DatabaseProvider.Sqlite, $"Data Source={file}", referenceCount: 60);
        var vtexRows = DiagramCatalog.StartupOrder.Where(d => DiagramCatalog.Get(d).Target == SystemSide.Vtex).ToHashSet();

        // First life: killed while a hub → VTEX row of its first pass is sending.
        var first = await cluster.StartNodeAsync("first-life");
        var victim = await Wait.UntilAsync(
            () => cluster.QueryAsync(db => db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running).ToListAsync()),
            runs => runs.Any(r => vtexRows.Contains(r.Diagram)),
            TimeSpan.FromSeconds(120),
            "a hub → VTEX run of the first pass in progress");
        await first.KillAsync();
        var killedAt = DateTime.UtcNow;
        var running = await cluster.QueryAsync(db => db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running).ToListAsync());
        var held = await cluster.QueryAsync(db => db.Leases.AsNoTracking().Where(l => l.HolderRunId != null).ToListAsync());
        running.Should().NotBeEmpty().And.OnlyContain(r => r.Node == "first-life");
        held.Should().NotBeEmpty().And.OnlyContain(l => l.HolderNode == "first-life" && l.ExpiresAtUtc > killedAt, "the dead process's leases are still valid");

        // Second life on the same file: ready means its start-up tasks (the takeover among them) are done.
        await cluster.StartNodeAsync("second-life");
        var afterStart = await cluster.QueryAsync(db => db.Runs.AsNoTracking().Where(r => running.Select(x => x.Id).Contains(r.Id)).ToListAsync());
        afterStart.Should().OnlyContain(r => r.Status == RunStatus.Interrupted && r.EndedAtUtc >= killedAt, cluster.Outputs());
        (await cluster.QueryAsync(db => db.Leases.CountAsync(l => l.HolderNode == "first-life"))).Should().Be(0, "taken over at start");

        var pass = await Wait.UntilAsync(
            () => cluster.QueryAsync(db => db.Runs.AsNoTracking().Where(r => r.Node == "second-life").ToListAsync()),
            runs => DiagramCatalog.StartupOrder.All(d => runs.Any(r => r.Diagram == d && r.Status != RunStatus.Running)),
            TimeSpan.FromSeconds(240),
            "the second life's first pass");
        pass.Should().OnlyContain(r => r.Status == RunStatus.Completed, string.Join("\n", pass.Select(NodeCluster.Describe)));
        foreach (var lease in held)
        {
            pass.Where(r => r.Diagram == lease.Diagram).Min(r => r.StartedAtUtc).Should().BeBefore(lease.ExpiresAtUtc, $"diagram {lease.Diagram} did not wait for the dead lease to expire");
        }

        (await cluster.QueryAsync(db => db.Runs.CountAsync(r => r.Status == RunStatus.Running))).Should().Be(0, "no run is left Running");
        cluster.Duplicates().Should().Be(0, "what the first life sent before the kill is not sent again as new");
    }
}
