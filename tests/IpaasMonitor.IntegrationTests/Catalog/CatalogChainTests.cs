using Hangfire;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>
/// The catalogue chain (ADR-023) with a real Hangfire server: a parent that reaches VTEX hands its waiting children to
/// their diagram at once, and a VTEX half that left records pending runs once more after a short delay.
/// </summary>
public sealed class CatalogChainTests : IAsyncLifetime
{
    private const string Account = "loja-a";

    private readonly IpaasMonitorApp app = new(extra: new Dictionary<string, string?>
    {
        ["Sandbox:ReferenceCount"] = "6",
        ["Scheduling:RetryDelay"] = "00:10:00",
    });

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<Guid?> RunAsync(int diagram, string triggeredBy)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DiagramRunner>().RunAsync(IpaasMonitorApp.FirstConnection, diagram, triggeredBy, CancellationToken.None);
    }

    // "connection,diagram,trigger" of each scheduled run. On the embedded default a delayed run is a PendingJobs job that
    // names its row in the store (ADR-027).
    private async Task<List<string>> ScheduledRunsAsync()
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var runs = new List<string>();
        foreach (var job in monitoring.ScheduledJobs(0, 1_000).Select(j => j.Value.Job))
        {
            if (job.Type == typeof(PendingJobs))
            {
                var id = (long)job.Args[0];
                var row = await app.DbAsync(db => db.PendingJobs.AsNoTracking().SingleAsync(p => p.Id == id));
                runs.Add($"{row.ConnectionId},{row.Diagram},{row.TriggeredBy}");
            }
            else
            {
                runs.Add(string.Join(",", job.Args.Take(3)));
            }
        }

        return runs;
    }

    [Fact]
    public async Task SkusWaitingForTheirProduct_AreSentRightAfterTheProductsRun_WithoutWaitingForTheirSchedule()
    {
        foreach (var diagram in new[] { 1, 2, 3, 4, 5, 9 })
        {
            await app.RunAsync(diagram);
        }

        await app.RunAsync(10); // by hand: the SKUs wait for their products, and nothing chains
        var vtex = app.Sandbox.State.Vtex.Account(Account);
        vtex.Skus.Should().BeEmpty();

        await RunAsync(6, Triggers.Scheduler); // the products reach VTEX on their schedule

        var sent = await Wait.UntilAsync(
            () => app.DbAsync(db => db.HubRecords.AsNoTracking().CountAsync(r => r.Kind == HubKinds.Sku && r.SentHash != null)),
            n => n > 0 && vtex.Skus.Count > 0,
            TimeSpan.FromSeconds(90),
            "the SKUs sent by a chained run of 10");
        var chained = await app.DbAsync(db => db.Runs.AsNoTracking().Where(r => r.TriggeredBy == OrderFlow.ChainTrigger).Select(r => r.Diagram).ToListAsync());
        chained.Should().Contain(10).And.Contain(8);
        sent.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task AVtexHalfThatLeftRecordsPending_RunsOnceMoreAfterTheRetryDelay_AndThatRetryDoesNotScheduleAnother()
    {
        await app.RunAsync(13); // stock in the hub, its SKUs not in VTEX: 14 leaves it pending
        var before = await ScheduledRunsAsync();

        await RunAsync(14, Triggers.Scheduler);
        var afterScheduled = await ScheduledRunsAsync();
        await RunAsync(14, CatalogChain.RetryTrigger);
        var afterRetry = await ScheduledRunsAsync();

        var connection = IpaasMonitorApp.FirstConnection;
        afterScheduled.Except(before).Should().ContainSingle().Which.Should().Be($"{connection},14,{CatalogChain.RetryTrigger}");
        afterRetry.Should().BeEquivalentTo(afterScheduled, "a retry does not schedule another retry");
    }
}
