using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Common;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Stock;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>
/// A record waiting for its parent gets one "aguardando" message per waiting episode, not one per run (a first load
/// wrote one per stock record per run of 14 and 16). Real SQLite file with the real migrations, sandbox over HTTP.
/// </summary>
public sealed class WaitingParentTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";

    /// <summary>ERP → Hub of everything stock and SKU specifications need, without sending any SKU to VTEX.</summary>
    private static readonly int[] HubWithoutVtex = [1, 3, 5, 9, 11, 13];

    // No retries: a 503 injected on a VTEX PUT reaches the diagram as a transient failure at once (no fault is injected otherwise).
    private readonly IpaasMonitorApp app = new(extra: new Dictionary<string, string?>
    {
        ["Sandbox:ReferenceCount"] = "12",
        ["IpaasMonitor:Resilience:Vtex:MaxRetryAttempts"] = "0",
    });

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TwoRunsWhileTheSkuIsMissing_WriteOneWaitingMessagePerRecord_AndTheSummaryStillCountsThem()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        var stock = await PendingCountAsync(HubKinds.Stock);
        var specs = await PendingCountAsync(HubKinds.SkuSpecification);
        stock.Should().BeGreaterThan(10);
        specs.Should().BeGreaterThan(10);

        var first = await CatalogPass.RunAsync(app, 14, 12);
        var second = await CatalogPass.RunAsync(app, 14, 12);

        var firstItems = (await CatalogPass.MessagesAsync(app, first)).Where(CatalogPass.IsItem).ToList();
        firstItems.Should().OnlyContain(m => m.Situation == MessageSituation.Failed && m.Component == HubToVtex.WaitingComponent && m.LastError!.StartsWith("aguardando SKU ", StringComparison.Ordinal));
        firstItems.Where(m => m.Diagram == 14).Select(m => m.BusinessKey).Should().HaveCount(stock).And.OnlyHaveUniqueItems();
        firstItems.Where(m => m.Diagram == 12).Select(m => m.BusinessKey).Should().HaveCount(specs).And.OnlyHaveUniqueItems();

        var secondMessages = await CatalogPass.MessagesAsync(app, second);
        secondMessages.Where(CatalogPass.IsItem).Should().BeEmpty("every record still waits for the same SKU with the same content: its message is already in the grid");
        var summary = Summary(secondMessages.Single(m => m.Diagram == 14 && m.Component == DiagramRunner.CountComponent));
        (summary.Read, summary.Sent, summary.Failed, summary.Waiting).Should().Be((stock, 0, 0, stock), "the silent ones are still read and counted as waiting");
        var run = await app.DbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => second.Contains(r.Id) && r.Diagram == 14));
        (run.Failed, run.Waiting).Should().Be((0, stock), "the runs list shows them too");

        var records = await app.DbAsync(db => db.HubRecords.AsNoTracking().Where(r => r.ConnectionId == app.FirstConnection && r.Kind == HubKinds.Stock).ToListAsync());
        records.Should().OnlyContain(r => r.SentHash == null && r.WaitingHash == r.ContentHash && r.WaitingFor == "SKU " + r.ParentKey, "still pending, and the open episode is remembered");
    }

    [Fact]
    public async Task OnceTheSkuIsInVtex_TheNextRunSendsIt_AndALaterWaitWritesOneMessageAgain()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        await CatalogPass.RunAsync(app, 14);
        await CatalogPass.RunAsync(app, 2, 4, 6, 10);

        var sendRun = await CatalogPass.RunAsync(app, 14);

        var sent = (await CatalogPass.MessagesAsync(app, sendRun)).Where(CatalogPass.IsItem).ToList();
        sent.Should().NotBeEmpty().And.OnlyContain(m => m.Situation == MessageSituation.Processed && m.Component == HubToVtex.UpdatedComponent, "the SKUs still missing (the reference of the brand VTEX rejects) already have their waiting message");
        var record = await app.DbAsync(db => db.HubRecords.AsNoTracking().FirstAsync(r => r.ConnectionId == app.FirstConnection && r.Kind == HubKinds.Stock && r.SentHash == r.ContentHash));
        sent.Should().Contain(m => m.BusinessKey == record.ErpKey);
        (record.WaitingHash, record.WaitingFor).Should().Be(((string?)null, (string?)null), "the send ended the waiting episode");
        (await app.DbAsync(db => db.HubRecords.CountAsync(r => r.ConnectionId == app.FirstConnection && r.Kind == HubKinds.Stock && r.WaitingHash != null)))
            .Should().Be(await PendingCountAsync(HubKinds.Stock), "only the records still pending are still waiting");

        // No diagram forgets a VTEX id: the SKU is made to miss again by hand, and its stock made pending with the same
        // content (as 39's 24-hour resend does), to show that the send closed the episode and a new wait is told again.
        await app.DbAsync(db => db.HubRecords.Where(r => r.ConnectionId == app.FirstConnection && r.Kind == HubKinds.Sku && r.ErpKey == record.ParentKey)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.VtexId, (string?)null)));
        await app.DbAsync(db => db.HubRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SentHash, (string?)null)));

        var again = await CatalogPass.RunAsync(app, 14);
        var later = await CatalogPass.RunAsync(app, 14);

        (await CatalogPass.MessagesAsync(app, again)).Where(CatalogPass.IsItem).Should().ContainSingle()
            .Which.Should().Match<IntegrationMessage>(m => m.BusinessKey == record.ErpKey && m.Component == HubToVtex.WaitingComponent && m.Situation == MessageSituation.Failed);
        (await CatalogPass.MessagesAsync(app, later)).Where(CatalogPass.IsItem).Should().BeEmpty();
    }

    [Fact]
    public async Task TransientFailureOnceTheSkuIsInVtex_EndsTheWaitingEpisode_SoALaterWaitIsToldAgain()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        await CatalogPass.RunAsync(app, 14);
        await CatalogPass.RunAsync(app, 2, 4, 6, 10);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:PUT *", FailNext = 100_000, FailNextStatus = 503 });

        var failing = await CatalogPass.RunAsync(app, 14);

        app.Sandbox.State.Faults.Clear();
        var failed = (await CatalogPass.MessagesAsync(app, failing)).Where(CatalogPass.IsItem).ToList();
        failed.Should().NotBeEmpty().And.OnlyContain(m => m.Situation == MessageSituation.Failed && m.Component == StockHubToVtex.Step && m.LastError!.Contains("503", StringComparison.Ordinal));
        var record = await app.DbAsync(db => db.HubRecords.AsNoTracking().SingleAsync(r => r.ConnectionId == app.FirstConnection && r.Kind == HubKinds.Stock && r.ErpKey == failed[0].BusinessKey));
        (record.SentHash, record.FailedHash).Should().Be(((string?)null, (string?)null), "a transient failure leaves the record pending");
        (record.WaitingHash, record.WaitingFor).Should().Be(((string?)null, (string?)null), "the SKU was found, so the waiting episode is over");

        // As above: the SKU is made to miss again by hand.
        await app.DbAsync(db => db.HubRecords.Where(r => r.ConnectionId == app.FirstConnection && r.Kind == HubKinds.Sku && r.ErpKey == record.ParentKey)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.VtexId, (string?)null)));
        var again = await CatalogPass.RunAsync(app, 14);

        (await CatalogPass.MessagesAsync(app, again)).Where(m => m.BusinessKey == record.ErpKey).Should().ContainSingle()
            .Which.Component.Should().Be(HubToVtex.WaitingComponent);
    }

    [Fact]
    public async Task ContentChangeWhileWaiting_WritesOneNewWaitingMessage_ForThatRecordOnly()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        var first = await CatalogPass.RunAsync(app, 14);
        var record = await app.DbAsync(db => db.HubRecords.AsNoTracking().OrderBy(r => r.Id).FirstAsync(r => r.ConnectionId == app.FirstConnection && r.Kind == HubKinds.Stock));
        var oldHash = record.ContentHash;
        var branch = int.Parse(record.ErpKey.Split('/')[1], CultureInfo.InvariantCulture);
        var stock = app.Sandbox.State.Erp.Tenant(Tenant).Balances.First(b => b.ProductCode.ToString(CultureInfo.InvariantCulture) == record.ParentKey && b.BranchCode == branch && b.StockCode == 1).Stock;

        app.Sandbox.State.Erp.Tenant(Tenant).SetBalance(int.Parse(record.ParentKey!, CultureInfo.InvariantCulture), branch, stock + 7);
        await CatalogPass.RunAsync(app, 13);
        var second = await CatalogPass.RunAsync(app, 14);

        (await app.DbAsync(db => db.HubRecords.AsNoTracking().SingleAsync(r => r.Id == record.Id))).ContentHash.Should().NotBe(oldHash, "the ERP change reached the hub");
        (await CatalogPass.MessagesAsync(app, first)).Where(m => m.BusinessKey == record.ErpKey).Should().ContainSingle();
        var items = (await CatalogPass.MessagesAsync(app, second)).Where(CatalogPass.IsItem).ToList();
        items.Should().ContainSingle("only the changed record is told again").Which.Should().Match<IntegrationMessage>(m => m.BusinessKey == record.ErpKey && m.Component == HubToVtex.WaitingComponent);
    }

    [Fact]
    public async Task RequeueOfAWaitingMessage_StillGetsTheWaitingAnswer_AndRunsStaySilent()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        var first = await CatalogPass.RunAsync(app, 14);
        var waiting = (await CatalogPass.MessagesAsync(app, first)).Where(CatalogPass.IsItem).OrderBy(m => m.BusinessKey, StringComparer.Ordinal).First();
        await CatalogPass.RunAsync(app, 14);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(waiting.MessageId, "analista", CancellationToken.None)).Should().BeTrue();
        }

        var done = await Wait.UntilAsync(
            () => app.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Attempts).SingleAsync(m => m.MessageId == waiting.MessageId)),
            m => m.AttemptCount == 2 && m.Situation is MessageSituation.Processed or MessageSituation.Failed,
            what: "the re-queued message to be processed");
        done.Situation.Should().Be(MessageSituation.Failed);
        done.Component.Should().Be(HubToVtex.WaitingComponent);
        done.LastError.Should().StartWith("aguardando SKU ", "the operator asked, so they get the answer even though runs stay silent");
        done.Attempts.OrderBy(a => a.Number).Last().TriggeredBy.Should().Be("analista");

        // The re-queue job releases the diagram's lease just after it writes the answer.
        await Wait.UntilAsync(
            () => app.DbAsync(db => db.Leases.AnyAsync(l => l.ConnectionId == app.FirstConnection && l.Diagram == 14 && l.HolderRunId != null)),
            held => !held,
            what: "the re-queue job to release diagram 14");
        var after = await CatalogPass.RunAsync(app, 14);
        (await CatalogPass.MessagesAsync(app, after)).Where(CatalogPass.IsItem).Should().BeEmpty();
    }

    private Task<int> PendingCountAsync(string kind) =>
        app.DbAsync(db => db.HubRecords.CountAsync(r => r.ConnectionId == app.FirstConnection && r.Kind == kind && (r.SentHash == null || r.SentHash != r.ContentHash)));

    private static (int Read, int Sent, int Failed, int Waiting) Summary(IntegrationMessage count)
    {
        var json = JsonDocument.Parse(count.Payload!.Content).RootElement;
        return (json.GetProperty("read").GetInt32(), json.GetProperty("sent").GetInt32(), json.GetProperty("failed").GetInt32(), json.GetProperty("waiting").GetInt32());
    }
}
