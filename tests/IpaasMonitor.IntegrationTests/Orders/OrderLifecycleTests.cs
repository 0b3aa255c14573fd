using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Vtex;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IpaasMonitor.IntegrationTests.Orders.OrderTestKit;

namespace IpaasMonitor.IntegrationTests.Orders;

public abstract class OrderLifecycleTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(provider: provider, extra: Settings());

    /// <summary>The feed is configured first (diagram 23): VTEX queues events only for a configured feed.</summary>
    public async Task InitializeAsync()
    {
        _ = app.Services;
        await RunAsync(app, 23);
        Oms(app.Sandbox).FeedConfigured.Should().BeTrue();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task PlacedOrder_GoesToTheErp_IsInvoiced_AndReachesInvoicedInVtex_WithOneCorrelatedTrace()
    {
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, Corporate = false });

        await ToHandlingAsync(app);

        var hub = await HubOrderAsync(app, order.OrderId);
        hub.Stage.Should().Be(OrderStage.Handling);
        hub.BranchCode.Should().Be(1);
        hub.IsMainBranch.Should().BeTrue();
        var erpOrder = Erp(app.Sandbox).FindOrder(order.OrderId);
        erpOrder.Should().NotBeNull();
        erpOrder!.BranchCode.Should().Be(1);
        erpOrder.TotalAmountOrder.Should().Be(order.ValueCents / 100m);
        hub.ErpOrderCode.Should().Be(erpOrder.OrderCode);
        Erp(app.Sandbox).Customers.Should().ContainSingle(c => c.Document == order.Buyer.Cpf);
        Oms(app.Sandbox).Find(order.OrderId)!.Status.Should().Be("handling");
        Oms(app.Sandbox).FeedPending.Should().Be(0, "25 committed the event");

        var invoice = Erp(app.Sandbox).Invoice(erpOrder.OrderCode);
        await RunAsync(app, 30, 31);

        var vtex = Oms(app.Sandbox).Find(order.OrderId)!;
        vtex.Status.Should().Be("invoiced");
        vtex.Invoices.Should().ContainSingle().Which.Should().Match<OmsInvoice>(i =>
            i.Number == invoice.InvoiceCode.ToString(System.Globalization.CultureInfo.InvariantCulture) && i.ValueCents == order.ValueCents && i.Key == invoice.AccessKey);
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.Invoiced);

        var trace = await MessagesOfAsync(app, order.OrderId);
        trace.Should().OnlyContain(m => m.Situation == MessageSituation.Processed);
        trace.Select(m => m.Diagram).Distinct().Should().BeEquivalentTo([24, 25, 26, 27, 28, 30, 31]);
        trace.Where(m => m.Diagram is 30 or 31).Should().OnlyContain(m => m.BusinessKey == $"1-1-{invoice.InvoiceCode}");
        trace.Where(m => m.Diagram is >= 24 and <= 28).Should().OnlyContain(m => m.BusinessKey == order.OrderId);

        // The trace page shows every message of the order on one timeline, and every message links to it.
        using var http = await SignedInClientAsync(app);
        var page = await http.GetStringAsync($"/pedidos/{order.OrderId}");
        System.Text.RegularExpressions.Regex.Count(page, "data-testid=\"trace-step\"").Should().Be(trace.Count);
        page.Should().Contain("data-stage=\"Invoiced\"").And.Contain($"1-1-{invoice.InvoiceCode}");
        var detail = await http.GetStringAsync($"/mensagens/{trace[0].MessageId}");
        detail.Should().Contain($"pedidos/{order.OrderId}");
        (await http.GetStringAsync("/pedidos")).Should().Contain(order.OrderId);

        ContractViolations(app.Sandbox).Should().BeEmpty();
    }

    [Fact]
    public async Task BranchOrder_PartialInvoiceThenTheRest_GoesThrough29_32_38_AndEndsInvoiced()
    {
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = BranchWarehouse, Items = [(10_001, 2), (10_005, 1)], ShippingCents = 1_500 });
        await ToHandlingAsync(app);
        var hub = await HubOrderAsync(app, order.OrderId);
        hub.BranchCode.Should().Be(2);
        hub.IsMainBranch.Should().BeFalse();
        var erpOrder = Erp(app.Sandbox).FindOrder(order.OrderId)!;
        erpOrder.BranchCode.Should().Be(2);

        Erp(app.Sandbox).Invoice(erpOrder.OrderCode, [(10_001, 2)]);
        await RunAsync(app, 30, 31, 32, 33, 38);

        var afterFirst = Oms(app.Sandbox).Find(order.OrderId)!;
        afterFirst.Status.Should().Be("handling", "the invoice does not cover the order");
        afterFirst.Invoices.Should().ContainSingle().Which.Items.Should().ContainSingle(i => i.SkuId == "10001" && i.Quantity == 2);
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.PartiallyInvoiced);

        Erp(app.Sandbox).Invoice(erpOrder.OrderCode);
        await RunAsync(app, 32, 33, 38);

        var final = Oms(app.Sandbox).Find(order.OrderId)!;
        final.Status.Should().Be("invoiced");
        final.Invoices.Should().HaveCount(2);
        final.Invoices.Sum(i => i.ValueCents).Should().Be(order.ValueCents);
        var done = await HubOrderAsync(app, order.OrderId);
        done.Stage.Should().Be(OrderStage.Invoiced);
        done.InvoicedCents.Should().Be(order.ValueCents);
        var trace = await MessagesOfAsync(app, order.OrderId);
        trace.Where(m => m.Diagram == 38).Should().HaveCount(2).And.OnlyContain(m => m.Component == InvoiceToVtexDiagram.PartialComponent);
        trace.Should().Contain(m => m.Diagram == 29).And.NotContain(m => m.Diagram == 28 || m.Diagram == 31 || m.Diagram == 33);
        ContractViolations(app.Sandbox).Should().BeEmpty();
    }

    [Fact]
    public async Task ErpCancellation_CancelsInVtexOnce_EvenWhenRunAgain()
    {
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse });
        await ToHandlingAsync(app);
        var erpOrder = Erp(app.Sandbox).FindOrder(order.OrderId)!;

        Erp(app.Sandbox).CancelOrder(erpOrder.OrderCode);
        await RunAsync(app, 34, 35, 36, 37);
        await RunAsync(app, 34, 35, 36, 37);

        Oms(app.Sandbox).Find(order.OrderId)!.Status.Should().Be("canceled");
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.Canceled);
        var inspection = app.Sandbox.State.Inspect().Orders!;
        inspection.Vtex[Account].DuplicateCancellations.Should().Be(0);
        var trace = await MessagesOfAsync(app, order.OrderId);
        trace.Should().ContainSingle(m => m.Diagram == 34).And.ContainSingle(m => m.Diagram == 35 && m.Component == CancelHubToVtex.CanceledComponent);
        ContractViolations(app.Sandbox).Should().BeEmpty();
    }

    [Fact]
    public async Task DuplicateFeedEvents_RerunsAndRepeatBuyers_CreateNothingTwice()
    {
        var first = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, BuyerIndex = 3, Corporate = false });
        var second = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, BuyerIndex = 3, Corporate = false });
        var company = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, Corporate = true });
        Oms(app.Sandbox).RedeliverLastEvent(first.OrderId);
        Oms(app.Sandbox).RedeliverLastEvent(first.OrderId);

        await RunAsync(app, 23, 24);
        (await app.DbAsync(db => db.HubOrders.CountAsync())).Should().Be(3);
        (await MessagesOfAsync(app, first.OrderId)).Should().ContainSingle(m => m.Component == OrderVtexToHub.ReceivedComponent);

        await ToHandlingAsync(app);
        await ToHandlingAsync(app);
        Oms(app.Sandbox).RedeliverLastEvent(second.OrderId);
        await ToHandlingAsync(app);
        foreach (var order in new[] { first, second, company })
        {
            Erp(app.Sandbox).Invoice(Erp(app.Sandbox).FindOrder(order.OrderId)!.OrderCode);
        }

        await RunAsync(app, 30, 31, 32, 33, 38, 34, 35);
        await RunAsync(app, 30, 31, 32, 33, 38, 34, 35);

        Erp(app.Sandbox).Orders.Should().HaveCount(3);
        Erp(app.Sandbox).Customers.Should().HaveCount(2, "the repeat buyer is found by CPF, the company by CNPJ");
        Erp(app.Sandbox).Customers.Should().ContainSingle(c => c.IsLegal && c.Document == company.Buyer.Cnpj);
        var inspection = app.Sandbox.State.Inspect().Orders!;
        inspection.TotalDuplicates.Should().Be(0);
        inspection.Vtex[Account].ByStatus.Should().Contain("invoiced", 3);
        Oms(app.Sandbox).Orders.Should().OnlyContain(o => o.Invoices.Count == 1);
        Oms(app.Sandbox).FeedPending.Should().Be(3, "the 'invoiced' events wait for the next read");
        await RunAsync(app, 24);
        Oms(app.Sandbox).FeedPending.Should().Be(0, "status events of known orders are noted and committed");
        (await HubOrderAsync(app, first.OrderId)).VtexStatus.Should().Be("invoiced");
        ContractViolations(app.Sandbox).Should().BeEmpty();
    }

    [Fact]
    public async Task InvalidOrder_FailsWithAReadableReason_NeverReachesTheErp_AndPassesOnceFixedAndRequeued()
    {
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = MainWarehouse, Defect = OmsOrderDefect.InvalidDocument, Corporate = false });

        await ToHandlingAsync(app);

        var failed = (await MessagesOfAsync(app, order.OrderId)).Should().ContainSingle(m => m.Situation == MessageSituation.Failed).Subject;
        failed.Diagram.Should().Be(26);
        failed.Component.Should().Be(OrderDetailVtexToHub.ValidationComponent);
        failed.LastError.Should().Contain("CPF inválido").And.NotContain(order.Document!, "the document is masked");
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.Invalid);
        Erp(app.Sandbox).FindOrder(order.OrderId).Should().BeNull();
        Erp(app.Sandbox).Customers.Should().BeEmpty();

        Oms(app.Sandbox).Update(order.OrderId, o => o with { Document = o.Buyer.Cpf });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(failed.MessageId, "analista", CancellationToken.None)).Should().BeTrue();
        }

        var done = await Wait.UntilAsync(
            () => app.DbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.MessageId == failed.MessageId)),
            m => m.Situation is MessageSituation.Processed or MessageSituation.Failed,
            what: "the re-queued validation");
        done.Situation.Should().Be(MessageSituation.Processed, done.LastError);
        done.Component.Should().Be(OrderDetailVtexToHub.ValidatedComponent);

        await ToHandlingAsync(app);
        (await HubOrderAsync(app, order.OrderId)).Stage.Should().Be(OrderStage.Handling);
        Erp(app.Sandbox).FindOrder(order.OrderId).Should().NotBeNull();
    }

    [Theory]
    [InlineData(OmsOrderDefect.MissingDocument, "sem documento")]
    [InlineData(OmsOrderDefect.UnknownSku, "desconhecido")]
    [InlineData(OmsOrderDefect.WrongTotals, "não fecham")]
    public async Task EveryKindOfBadOrder_StopsAtValidation(OmsOrderDefect defect, string reason)
    {
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { Defect = defect, Corporate = false });

        await ToHandlingAsync(app);

        var trace = await MessagesOfAsync(app, order.OrderId);
        trace.Should().ContainSingle(m => m.Situation == MessageSituation.Failed).Which.LastError.Should().Contain(reason);
        trace.Should().NotContain(m => m.Diagram > 26);
        Erp(app.Sandbox).FindOrder(order.OrderId).Should().BeNull();
    }

    [Fact]
    public async Task ChainedRunsThatFindTheirDiagramBusy_AreCoalescedIntoOneFollowUp_RunWhenTheHolderReleases()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<DiagramLeases>();
        var holder = Guid.NewGuid();
        (await leases.TryAcquireAsync(Connection, 25, holder, CancellationToken.None)).Should().BeTrue("this stands for a 25 still running");
        var monitoring = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var scheduledBefore = monitoring.ScheduledCount();
        var runner = scope.ServiceProvider.GetRequiredService<DiagramRunner>();

        var skipped = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => runner.RunAsync(Connection, 25, OrderFlow.ChainTrigger, CancellationToken.None)));
        var scheduled = await runner.RunAsync(Connection, 25, Triggers.Scheduler, CancellationToken.None);

        skipped.Should().OnlyContain(r => r == null);
        scheduled.Should().BeNull();
        monitoring.ScheduledCount().Should().Be(scheduledBefore, "no chained run reschedules itself while 25 is busy (ADR-026)");
        (await app.DbAsync(db => db.Leases.AsNoTracking().SingleAsync(l => l.ConnectionId == Connection && l.Diagram == 25))).RunAgain.Should().BeTrue();
        var runsBefore = await app.DbAsync(db => db.Runs.CountAsync(r => r.Diagram == 25 && r.TriggeredBy == OrderFlow.ChainTrigger));

        await leases.ReleaseAsync(Connection, 25, holder, CancellationToken.None);

        await Wait.UntilAsync(
            () => app.DbAsync(db => db.Runs.CountAsync(r => r.Diagram == 25 && r.TriggeredBy == OrderFlow.ChainTrigger && r.Status != RunStatus.Running)),
            n => n > runsBefore, what: "the one follow-up run of 25");
        (await app.DbAsync(db => db.Leases.AsNoTracking().SingleAsync(l => l.ConnectionId == Connection && l.Diagram == 25))).RunAgain.Should().BeFalse();
    }

    [Fact]
    public async Task ScheduledRuns_HandTheOrderToTheNextStages_WithoutWaitingForTheirSchedule()
    {
        var order = Oms(app.Sandbox).PlaceOrder(new OmsOrderRequest { WarehouseId = BranchWarehouse });
        await RunAsync(app, 23);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DiagramRunner>().RunAsync(Connection, 24, Triggers.Scheduler, CancellationToken.None);
        }

        var handled = await Wait.UntilAsync(
            () => app.DbAsync(db => db.HubOrders.AsNoTracking().SingleAsync(o => o.OrderId == order.OrderId)),
            o => o.Stage == OrderStage.Handling,
            TimeSpan.FromSeconds(60),
            "the chained stages 25, 26, 27, 29 and 25");
        handled.BranchCode.Should().Be(2);
        var runs = await app.DbAsync(db => db.Runs.AsNoTracking().Where(r => r.TriggeredBy == OrderFlow.ChainTrigger).Select(r => r.Diagram).ToListAsync());
        runs.Should().Contain([25, 26, 27, 29]);
    }

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : OrderLifecycleTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : OrderLifecycleTests(DatabaseProvider.PostgreSql);
}
