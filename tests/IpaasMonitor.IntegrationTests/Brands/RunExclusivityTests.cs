using IpaasMonitor.Data;
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

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : RunExclusivityTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : RunExclusivityTests(DatabaseProvider.PostgreSql);
}
