using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Diagrams.Tests.Running;

/// <summary>
/// Where jobs land (ADR-027 amendment), on Hangfire's in-memory storage (the embedded default; the integration tests run
/// the same jobs on Hangfire.PostgreSql): the sweeper, the re-queued messages' jobs and the failure groups' refresh on the
/// maintenance queue, however they are enqueued; a diagram's runs on its own queue (the orders' for 23–38), chained,
/// delayed, recorded and replayed alike.
/// </summary>
public sealed class JobQueuesTests : IAsyncLifetime
{
    private const string Connection = "loja-a";
    private const int CatalogueDiagram = 9;
    private const int OrderDiagram = 25;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage hangfire = new();
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        hangfire.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public void TheQueueOfADiagram_IsItsCatalogueRows()
    {
        JobQueues.Of(CatalogueDiagram).Should().Be(DiagramDefinition.DefaultQueue);
        JobQueues.Of(OrderDiagram).Should().Be(DiagramDefinition.OrdersQueue);
        JobQueues.Of(0).Should().Be(DiagramDefinition.DefaultQueue, "a number outside the catalogue");
    }

    [Fact]
    public void TheSweeper_EnqueuedWithoutAQueue_LandsOnMaintenance()
    {
        new BackgroundJobClient(hangfire).Enqueue<RequeueSweeper>(s => s.SweepAsync(true, CancellationToken.None));

        Methods(JobQueues.Maintenance).Should().Equal(nameof(RequeueSweeper.SweepAsync));
        Methods(DiagramDefinition.DefaultQueue).Should().BeEmpty();
    }

    [Fact]
    public void RequeuedMessages_GoToMaintenance_ButAWholeRunRequeue_RunsOnTheDiagramsQueue()
    {
        RequeueJobs.Enqueue(new BackgroundJobClient(hangfire), [
            new RequeuedMessage(Guid.NewGuid(), Connection, CatalogueDiagram, "Sku", "1"),
            new RequeuedMessage(Guid.NewGuid(), Connection, OrderDiagram, "Pedido", "2"),
            new RequeuedMessage(Guid.NewGuid(), Connection, OrderDiagram, DiagramRunner.CountComponent, DiagramRunner.RunKey),
        ]).Should().Be(3);

        Methods(JobQueues.Maintenance).Should().Equal(nameof(DiagramRunner.ProcessRequeuedAsync), nameof(DiagramRunner.ProcessRequeuedAsync));
        Methods(DiagramDefinition.OrdersQueue).Should().Equal(nameof(DiagramRunner.ProcessMessageAsync));
        Methods(DiagramDefinition.DefaultQueue).Should().BeEmpty();
    }

    [Fact]
    public async Task AChainedRunOfAnOrderDiagram_GoesToTheOrdersQueue_WithDurableStorage()
    {
        var pending = Pending(record: false);

        await pending.EnqueueRunAsync(Connection, OrderDiagram, OrderFlow.ChainTrigger, CancellationToken.None);
        await pending.EnqueueRunAsync(Connection, CatalogueDiagram, OrderFlow.ChainTrigger, CancellationToken.None);
        await pending.ScheduleRunAsync(Connection, OrderDiagram, OrderFlow.ChainTrigger, TimeSpan.FromMinutes(1), CancellationToken.None);

        Methods(DiagramDefinition.OrdersQueue).Should().Equal(nameof(DiagramRunner.RunAsync));
        Methods(DiagramDefinition.DefaultQueue).Should().Equal(nameof(DiagramRunner.RunAsync));
        var scheduled = hangfire.GetMonitoringApi().ScheduledJobs(0, 10);
        scheduled.Should().ContainSingle().Which.Value.Job.Queue.Should().Be(DiagramDefinition.OrdersQueue, "a delayed run keeps its queue");
    }

    [Fact]
    public async Task ARecordedRunOfAnOrderDiagram_GoesToTheOrdersQueue_AndSoDoesItsReplay()
    {
        var pending = Pending(record: true);

        await pending.EnqueueRunAsync(Connection, OrderDiagram, OrderFlow.ChainTrigger, CancellationToken.None);
        await pending.EnqueueRunAsync(Connection, CatalogueDiagram, OrderFlow.ChainTrigger, CancellationToken.None);
        Methods(DiagramDefinition.OrdersQueue).Should().Equal(nameof(PendingJobs.RunAsync));
        Methods(DiagramDefinition.DefaultQueue).Should().Equal(nameof(PendingJobs.RunAsync));

        // A restart: the rows are enqueued again, each on its diagram's queue.
        (await Pending(record: true).ReplayAsync(CancellationToken.None)).Should().Be(2);
        Methods(DiagramDefinition.OrdersQueue).Should().HaveCount(2);
        Methods(DiagramDefinition.DefaultQueue).Should().HaveCount(2);
    }

    [Fact]
    public async Task TheSchedule_PutsTheSweeperAndTheRefreshOnMaintenance_ThePurgeAndTheMergeOnDefault_AndEachDiagramOnItsQueue()
    {
        var schedule = new DiagramSchedule(
            new RecurringJobManager(hangfire), database.Factory, new StaticOptions<IpaasMonitorOptions>(new() { Connections = [new ConnectionOptions { Id = Connection }] }));

        await schedule.RegisterAllAsync(CancellationToken.None);

        using var connection = hangfire.GetConnection();
        var queues = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Job.Queue ?? j.Queue); // the storage keeps it on the job (Job.Queue)
        queues[RequeueSweeper.RecurringJobId].Should().Be(JobQueues.Maintenance);
        queues[DiagramSchedule.FailureGroupRefreshJobId].Should().Be(JobQueues.Maintenance);
        queues[MessageRetention.RecurringJobId].Should().Be(DiagramDefinition.DefaultQueue);
        queues[Data.Storage.BusinessKeyIndexMerge.RecurringJobId].Should().Be(DiagramDefinition.DefaultQueue);
        queues[DiagramSchedule.JobId(Connection, CatalogueDiagram)].Should().Be(DiagramDefinition.DefaultQueue);
        queues[DiagramSchedule.JobId(Connection, OrderDiagram)].Should().Be(DiagramDefinition.OrdersQueue);
    }

    private List<string> Methods(string queue) =>
        hangfire.GetMonitoringApi().EnqueuedJobs(queue, 0, 100).Select(j => j.Value.Job.Method.Name).ToList();

    private PendingJobs Pending(bool record) => new(
        database.Factory,
        new BackgroundJobClient(hangfire),
        time,
        new PendingJobsOptions { Record = record },
        new ServiceCollection().BuildServiceProvider(),
        NullLogger<PendingJobs>.Instance);

    private sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
