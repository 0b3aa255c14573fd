using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Brands;

public abstract class RunExclusivityTests(DatabaseProvider provider)
{
    [Fact]
    public async Task RunAsync_IsSkipped_WhileAnotherRunOfTheSamePairHoldsTheLease_AndRunsOnceItIsReleased()
    {
        await using var app = new IpaasMonitorApp(provider: provider, scheduling: false);
        _ = app.Services;
        var leases = app.Services.GetRequiredService<DiagramLeases>();
        var holder = Guid.NewGuid();
        (await leases.TryAcquireAsync(IpaasMonitorApp.FirstConnection, 1, holder, CancellationToken.None)).Should().BeTrue();
        (await leases.TryAcquireAsync(IpaasMonitorApp.FirstConnection, 1, Guid.NewGuid(), CancellationToken.None)).Should().BeFalse("the lease is held");

        var skipped = await app.RunAsync(1);
        var otherConnection = await app.RunAsync(1, "MODA-CENTRO");

        skipped.Should().BeNull();
        otherConnection.Should().NotBeNull("another connection is another pair");
        (await app.DbAsync(db => db.Runs.CountAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection))).Should().Be(0);

        await leases.ReleaseAsync(IpaasMonitorApp.FirstConnection, 1, holder, CancellationToken.None);
        (await app.RunAsync(1)).Should().NotBeNull();
    }

    [Fact]
    public async Task ConcurrentRuns_OfTheSamePair_NeverOverlap()
    {
        await using var app = new IpaasMonitorApp(provider: provider, scheduling: false);
        _ = app.Services;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.RunAsync(1))));

        var runs = await app.DbAsync(db => db.Runs.Where(r => r.Diagram == 1).OrderBy(r => r.StartedAtUtc).ToListAsync());
        runs.Should().HaveCount(results.Count(r => r is not null)).And.NotBeEmpty();
        for (var i = 1; i < runs.Count; i++)
        {
            runs[i].StartedAtUtc.Should().BeOnOrAfter(runs[i - 1].EndedAtUtc!.Value, "a run starts only after the previous one released the lease");
        }
    }

    [Fact]
    public async Task RunSequence_WaitsForADiagramWhoseLeaseIsHeld_InsteadOfSkippingIt_AndKeepsItsOrder()
    {
        await using var app = new IpaasMonitorApp(provider: provider, scheduling: false, extra: new Dictionary<string, string?> { ["Nodes:StartupRetryDelay"] = "00:00:00.100" });
        _ = app.Services;
        var leases = app.Services.GetRequiredService<DiagramLeases>();
        var holder = Guid.NewGuid();
        (await leases.TryAcquireAsync(IpaasMonitorApp.FirstConnection, 1, holder, CancellationToken.None)).Should().BeTrue("this stands for a 01 running elsewhere");
        await using var scope = app.Services.CreateAsyncScope();

        var sequence = scope.ServiceProvider.GetRequiredService<DiagramRunner>().RunSequenceAsync(IpaasMonitorApp.FirstConnection, [1, 3], Triggers.Startup, CancellationToken.None);

        await Wait.UntilAsync(() => Task.FromResult(Occurrences(app.LogText(), "is already running for")), n => n >= 3, what: "the sequence trying 01 again");
        sequence.IsCompleted.Should().BeFalse("the first pass does not skip a held diagram (ADR-026)");
        (await app.DbAsync(db => db.Runs.CountAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection))).Should().Be(0, "03 waits behind 01");
        await leases.ReleaseAsync(IpaasMonitorApp.FirstConnection, 1, holder, CancellationToken.None);
        await sequence;

        var runs = await app.DbAsync(db => db.Runs.AsNoTracking().Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection).OrderBy(r => r.StartedAtUtc).ToListAsync());
        runs.Select(r => (r.Diagram, r.Status)).Should().Equal((1, RunStatus.Completed), (3, RunStatus.Completed));
        runs.Should().OnlyContain(r => r.Node == leases.Node, "each run names the node that ran it");
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : RunExclusivityTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : RunExclusivityTests(DatabaseProvider.PostgreSql);
}
