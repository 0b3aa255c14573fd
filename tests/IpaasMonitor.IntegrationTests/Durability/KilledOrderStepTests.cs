using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Vtex;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static IpaasMonitor.IntegrationTests.Orders.OrderTestKit;

namespace IpaasMonitor.IntegrationTests.Durability;

/// <summary>
/// An order step's state change and its message are one transaction (ADR-027, amendment of 2026-12-07). Each order
/// diagram runs as <see cref="KilledRunTests"/> kills a run: to its end, then its recorder abandoned, never flushed (its
/// timer on a clock that never moves), so only what the steps committed reaches the store. Every step that moved an
/// order left its message. A failure injected into the message write (a trigger on <c>Messages</c>: the commit of the
/// step dies after the ERP call) leaves the order where it was, and the next run makes the call again without a second
/// ERP order.
/// </summary>
public abstract class KilledOrderStepTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(provider: provider, scheduling: false, extra: Settings());

    public async Task InitializeAsync()
    {
        _ = app.Services;
        await RunAsync(app, 23);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EveryStepKilledAfterItsLastOrderMove_LeavesTheMessageOfThatMove()
    {
        var orders = Enumerable.Range(0, 3).Select(_ => Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse })).ToList();

        // 24 registers, 25 commits the feed events, 26 validates, 27 the customer, 28 the ERP order, 25 start-handling.
        foreach (var diagram in new[] { 24, 25, 26, 27, 28, 25 })
        {
            await RunThenKillAsync(diagram);
        }

        foreach (var order in orders)
        {
            Erp(app.Sandbox).Invoice(Erp(app.Sandbox).FindOrder(order.OrderId)!.OrderCode);
        }

        await RunThenKillAsync(30);
        await RunThenKillAsync(31);

        foreach (var order in orders)
        {
            (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.Invoiced);
            var trace = await MessagesOfAsync(app, order.OrderId);
            trace.Select(m => m.Diagram).Should().BeEquivalentTo(
                [24, 25, 26, 27, 28, 25, 30, 31], $"every step that moved order {order.OrderId} committed its message with the move: {string.Join(", ", trace.Select(m => $"{m.Diagram} {m.Component}"))}");
            trace.Where(m => m.Diagram == 25).Select(m => m.Component).Should().BeEquivalentTo([OrderAckHubToVtex.CommitComponent, OrderAckHubToVtex.StartedComponent]);
            trace.Should().OnlyContain(m => m.Situation == MessageSituation.Processed);
        }

        app.Sandbox.State.Inspect().Orders!.TotalDuplicates.Should().Be(0);
    }

    [Fact]
    public async Task TheStepsCommitFailingAfterTheErpCall_LeavesTheOrderWhereItWas_AndTheRedoMakesNoSecondErpOrder()
    {
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse });
        await RunAsync(app, 24, 25, 26, 27);
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.CustomerReady);

        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql ? PostgreSqlFailOn28 : SqliteFailOn28));
        var died = async () => await RunThenKillAsync(28);
        await died.Should().ThrowAsync<Exception>("the message of 28 cannot be written, so neither can its state change");

        var erpOrder = Erp(app.Sandbox).FindOrder(order.OrderId);
        erpOrder.Should().NotBeNull("the ERP call happened before the commit");
        var hub = await HubOrderAsync(app, order.OrderId);
        hub.Stage.Should().Be(OrderStage.CustomerReady, "the order's move rolled back with its message");
        hub.ErpOrderCode.Should().BeNull();
        (await MessagesOfAsync(app, order.OrderId)).Should().NotContain(m => m.Diagram == 28);

        await app.DbAsync(db => db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSql ? "DROP TRIGGER fail_28 ON \"Messages\"" : "DROP TRIGGER fail_28"));
        await RunAsync(app, 28);

        hub = await HubOrderAsync(app, order.OrderId);
        hub.Stage.Should().Be(OrderStage.InErp);
        hub.ErpOrderCode.Should().Be(erpOrder!.OrderCode, "the ERP answered the redo with the order it already had");
        Erp(app.Sandbox).Orders.Should().ContainSingle(o => o.OrderId == order.OrderId);
        (await MessagesOfAsync(app, order.OrderId)).Should().ContainSingle(m => m.Diagram == 28 && m.Component == OrderHubToErp.CreatedComponent);
        app.Sandbox.State.Inspect().Orders!.TotalDuplicates.Should().Be(0);
    }

    private const string SqliteFailOn28 =
        "CREATE TRIGGER fail_28 BEFORE INSERT ON \"Messages\" WHEN NEW.\"Diagram\" = 28 BEGIN SELECT RAISE(ABORT, 'injected: the process died'); END;";

    private const string PostgreSqlFailOn28 =
        "CREATE FUNCTION fail_28() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected: the process died'; END $$; " +
        "CREATE TRIGGER fail_28 BEFORE INSERT ON \"Messages\" FOR EACH ROW WHEN (NEW.\"Diagram\" = 28) EXECUTE FUNCTION fail_28();";

    // The run's work as DiagramRunner does it (the recorder current for the run's state writes), without the end of the
    // run: no flush, no dispose. The recorder is left to the garbage collector with what it holds.
    private async Task RunThenKillAsync(int diagram)
    {
        var services = app.Services;
        var connection = services.GetRequiredService<IOptions<IpaasMonitorOptions>>().Value.Connections.Single(c => c.Id == Connection);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runId = Guid.NewGuid();
        var recorder = new MessageRecorder(services.GetRequiredService<IDbContextFactory<IpaasDbContext>>(), clock, connection.Id, diagram, runId, "test");
        using (recorder.Use())
        {
            var context = new DiagramContext(connection, DiagramCatalog.Get(diagram), runId, "test", recorder, clock, NullLogger.Instance);
            await services.GetRequiredService<DiagramRegistry>().Get(diagram).RunAsync(context, CancellationToken.None);
        }
    }

    /// <summary>On the embedded default's SQLite (the writer of ADR-011).</summary>
    public sealed class OnSqlite() : KilledOrderStepTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL (its COPY writer).</summary>
    public sealed class OnPostgreSql() : KilledOrderStepTests(DatabaseProvider.PostgreSql);
}
