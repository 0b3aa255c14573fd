using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Stock;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>
/// A record waiting for its parent: nothing in the grid while the parent is pending in the hub, which is the normal
/// order of a first load (ADR-012); one "aguardando" message per waiting episode, saying why, when the parent is stuck
/// (ADR-010). Real SQLite file with the real migrations, sandbox over HTTP.
/// </summary>
public abstract class WaitingParentTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private const string SkuCreation = "vtex:POST /api/catalog/pvt/stockkeepingunit";

    /// <summary>ERP → Hub of everything stock and SKU specifications need, without sending any SKU to VTEX.</summary>
    private static readonly int[] HubWithoutVtex = [1, 3, 5, 9, 11, 13];

    /// <summary>The same without the SKUs themselves (09): stock and specifications wait for SKUs the hub does not have.</summary>
    private static readonly int[] HubWithoutSkus = [1, 3, 5, 11, 13];

    // No retries: a 503 injected on a VTEX PUT reaches the diagram as a transient failure at once (no fault is injected otherwise).
    private readonly IpaasMonitorApp app = new(provider: provider, extra: new Dictionary<string, string?>
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
    public async Task FirstLoadInNormalOrder_WritesNoWaitingMessage_AndTheRecordsGoOutWithTheirSkus()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        var stock = await PendingCountAsync(HubKinds.Stock);
        var specs = await PendingCountAsync(HubKinds.SkuSpecification);
        stock.Should().BeGreaterThan(10);
        specs.Should().BeGreaterThan(10);

        var orphans = await OrphanStockAsync();
        orphans.Should().NotBeEmpty().And.HaveCountLessThan(stock / 5, "a few SKUs are refused by ERP → Hub (09), but not their stock");

        var waitingRuns = await CatalogPass.RunAsync(app, 14, 12, 14, 12);

        var messages = await CatalogPass.MessagesAsync(app, waitingRuns);
        messages.Where(m => m.Diagram == 14 && CatalogPass.IsItem(m)).Select(m => m.BusinessKey).Should().BeEquivalentTo(
            orphans, "every other SKU is pending in the hub: 10 sends it on its next run, nothing is wrong; only the stock of the SKUs the hub does not have is told, once");
        messages.Where(CatalogPass.IsItem).Should().OnlyContain(m => m.Component == MessageComponents.WaitingParent && m.LastError!.Contains(": não está no hub", StringComparison.Ordinal));
        var summary = Summary(messages.Single(m => m.RunId == waitingRuns[2] && m.Component == DiagramRunner.CountComponent));
        (summary.Read, summary.Sent, summary.Failed, summary.Waiting).Should().Be((stock, 0, 0, stock), "the silent ones are still read and counted as waiting");
        var run = await app.DbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == waitingRuns[0]));
        (run.Failed, run.Waiting).Should().Be((orphans.Count, stock), "the runs list shows them");
        (await app.DbAsync(db => db.HubRecords.AsNoTracking().Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && r.WaitingHash != null).Select(r => r.ErpKey).ToListAsync()))
            .Should().BeEquivalentTo(orphans, "a silent wait writes nothing to the hub");

        await CatalogPass.RunAsync(app, 2, 4, 6, 10);
        var sendRuns = await CatalogPass.RunAsync(app, 14, 12);

        var items = (await CatalogPass.MessagesAsync(app, sendRuns)).Where(CatalogPass.IsItem).ToList();
        var inVtex = await app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.VtexId != null).Select(r => r.ErpKey).ToListAsync());
        var sentStock = await app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && inVtex.Contains(r.ParentKey!)).Select(r => r.ErpKey).ToListAsync());
        sentStock.Should().NotBeEmpty();
        items.Where(m => m.Diagram == 14 && sentStock.Contains(m.BusinessKey!)).Should().HaveCount(sentStock.Count)
            .And.OnlyContain(m => m.Situation == MessageSituation.Processed && m.Component == MessageComponents.Updated, "the SKU came: the stock went out, with no waiting message before or now");
        items.Where(m => m.Component == MessageComponents.WaitingParent).Should().NotBeEmpty()
            .And.OnlyContain(
                m => m.LastError!.StartsWith("aguardando SKU ", StringComparison.Ordinal) && m.LastError.Contains(": ele também está aguardando (produto ", StringComparison.Ordinal),
                "only the SKUs that 10 could not send are stuck (the reference of the brand VTEX rejects, the one ERP → Hub refused), and the message says so");
    }

    [Fact]
    public async Task SkuRejectedByVtex_TellsOneWaitingMessagePerRecord_NamingTheReason_AndLaterRunsStaySilent()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        await CatalogPass.RunAsync(app, 2, 4, 6);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = SkuCreation, FailNext = 100_000, FailNextStatus = 400 });
        await CatalogPass.RunAsync(app, 10);
        app.Sandbox.State.Faults.Clear();
        var rejected = await app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.FailedHash == r.ContentHash).Select(r => r.ErpKey).ToListAsync());
        rejected.Should().NotBeEmpty();
        var stock = await PendingCountAsync(HubKinds.Stock);

        var first = await CatalogPass.RunAsync(app, 14);
        var second = await CatalogPass.RunAsync(app, 14);

        var firstItems = (await CatalogPass.MessagesAsync(app, first)).Where(CatalogPass.IsItem).ToList();
        firstItems.Should().HaveCount(stock).And.OnlyContain(m => m.Situation == MessageSituation.Failed && m.Component == MessageComponents.WaitingParent);
        firstItems.Select(m => m.BusinessKey).Should().OnlyHaveUniqueItems();
        var records = await app.DbAsync(db => db.HubRecords.AsNoTracking().Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock).ToListAsync());
        var ofRejected = records.Where(r => rejected.Contains(r.ParentKey!)).ToList();
        ofRejected.Should().NotBeEmpty();
        foreach (var record in ofRejected)
        {
            firstItems.Single(m => m.BusinessKey == record.ErpKey).LastError.Should()
                .Be($"aguardando SKU {record.ParentKey}: recusado pela VTEX (veja a falha no diagrama 10); será enviado quando isso for resolvido.");
        }

        var secondMessages = await CatalogPass.MessagesAsync(app, second);
        secondMessages.Where(CatalogPass.IsItem).Should().BeEmpty("every record is still stuck behind the same SKU for the same reason: its message is already in the grid");
        var summary = Summary(secondMessages.Single(m => m.Component == DiagramRunner.CountComponent));
        (summary.Read, summary.Sent, summary.Failed, summary.Waiting).Should().Be((stock, 0, 0, stock));
        var run = await app.DbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == second[0]));
        (run.Failed, run.Waiting).Should().Be((0, stock));
        records.Should().OnlyContain(r => r.SentHash == null && r.WaitingHash == r.ContentHash && r.WaitingFor!.StartsWith("SKU " + r.ParentKey + ": "), "still pending, and the open episode is remembered");
    }

    [Fact]
    public async Task SkuMissingFromTheHub_IsSilentUntilTheSkuReadCompleted_ThenOnlyTheSkusItRefusedAreToldOnce_AndTheStockGoesOutWithTheSku()
    {
        await CatalogPass.RunAsync(app, HubWithoutSkus);
        var stock = await PendingCountAsync(HubKinds.Stock);

        var unread = await CatalogPass.RunAsync(app, 14, 12);

        (await CatalogPass.MessagesAsync(app, unread)).Where(CatalogPass.IsItem).Should().BeEmpty(
            "09 has not read the SKUs since the process started: the hub may simply not have them yet (ADR-018)");
        var run = await app.DbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == unread[0]));
        (run.Failed, run.Waiting).Should().Be((0, stock));

        await CatalogPass.RunAsync(app, 9);
        var first = await CatalogPass.RunAsync(app, 14);
        var second = await CatalogPass.RunAsync(app, 14);

        var orphans = await OrphanStockAsync();
        orphans.Should().NotBeEmpty().And.HaveCountLessThan(stock / 5, "a few SKUs are refused by ERP → Hub (09), but not their stock");
        (await CatalogPass.MessagesAsync(app, first)).Where(CatalogPass.IsItem).Should().HaveCount(orphans.Count)
            .And.OnlyContain(m => orphans.Contains(m.BusinessKey!) && m.Component == MessageComponents.WaitingParent
                && m.LastError!.EndsWith(": não está no hub (não existe no ERP, ou a leitura do ERP o recusou); será enviado quando isso for resolvido.", StringComparison.Ordinal));
        (await CatalogPass.MessagesAsync(app, second)).Where(CatalogPass.IsItem).Should().BeEmpty("told once per episode");
        (await app.DbAsync(db => db.HubRecords.AsNoTracking().Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && r.WaitingHash != null).Select(r => r.ErpKey).ToListAsync()))
            .Should().BeEquivalentTo(orphans, "only the records whose SKU the read refused have an open episode");

        await CatalogPass.RunAsync(app, 2, 4, 6, 10);
        var sent = await CatalogPass.RunAsync(app, 14);

        var items = (await CatalogPass.MessagesAsync(app, sent)).Where(CatalogPass.IsItem).ToList();
        items.Where(m => m.Situation == MessageSituation.Processed).Should().NotBeEmpty();
        items.Where(m => m.Component == MessageComponents.WaitingParent).Should().OnlyContain(m => m.LastError!.Contains("ele também está aguardando (produto ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnceTheSkuIsInVtex_TheNextRunSendsIt_AndALaterStuckWaitWritesOneMessageAgain()
    {
        await CatalogPass.RunAsync(app, HubWithoutSkus);
        await CatalogPass.RunAsync(app, 14);
        await CatalogPass.RunAsync(app, 9, 2, 4, 6, 10);

        var sendRun = await CatalogPass.RunAsync(app, 14);

        var sent = (await CatalogPass.MessagesAsync(app, sendRun)).Where(CatalogPass.IsItem).Where(m => m.Component != MessageComponents.WaitingParent).ToList();
        sent.Should().NotBeEmpty().And.OnlyContain(m => m.Situation == MessageSituation.Processed && m.Component == MessageComponents.Updated);
        var record = await app.DbAsync(db => db.HubRecords.AsNoTracking().FirstAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && r.SentHash == r.ContentHash));
        sent.Should().Contain(m => m.BusinessKey == record.ErpKey);
        (record.WaitingHash, record.WaitingFor).Should().Be(((string?)null, (string?)null), "the send ended the waiting episode");
        (await app.DbAsync(db => db.HubRecords.CountAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && r.WaitingHash != null)))
            .Should().Be(await PendingCountAsync(HubKinds.Stock), "only the records still pending are still waiting (stuck behind the SKUs 10 could not send)");

        // No diagram forgets a VTEX id: the SKU is made to miss again by hand (sent, but without id: nothing will send it
        // again, so it is stuck), and its stock made pending with the same content (as 39's 24-hour resend does), to show
        // that the send closed the episode and a new stuck wait is told again.
        await app.DbAsync(db => db.HubRecords.Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.ErpKey == record.ParentKey)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.VtexId, (string?)null)));
        await app.DbAsync(db => db.HubRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SentHash, (string?)null)));

        var again = await CatalogPass.RunAsync(app, 14);
        var later = await CatalogPass.RunAsync(app, 14);

        (await CatalogPass.MessagesAsync(app, again)).Where(CatalogPass.IsItem).Should().ContainSingle()
            .Which.Should().Match<IntegrationMessage>(m => m.BusinessKey == record.ErpKey && m.Component == MessageComponents.WaitingParent && m.Situation == MessageSituation.Failed
                && m.LastError!.StartsWith($"aguardando SKU {record.ParentKey}: marcado como enviado, mas sem o id da VTEX no hub"));
        (await CatalogPass.MessagesAsync(app, later)).Where(CatalogPass.IsItem).Should().BeEmpty();
    }

    [Fact]
    public async Task TransientFailureOnceTheSkuIsInVtex_EndsTheWaitingEpisode_SoALaterWaitIsToldAgain()
    {
        await CatalogPass.RunAsync(app, HubWithoutSkus);
        await CatalogPass.RunAsync(app, 14);
        await CatalogPass.RunAsync(app, 9, 2, 4, 6, 10);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:PUT *", FailNext = 100_000, FailNextStatus = 503 });

        var failing = await CatalogPass.RunAsync(app, 14);

        app.Sandbox.State.Faults.Clear();
        var failed = (await CatalogPass.MessagesAsync(app, failing)).Where(CatalogPass.IsItem).Where(m => m.Component != MessageComponents.WaitingParent).ToList();
        failed.Should().NotBeEmpty().And.OnlyContain(m => m.Situation == MessageSituation.Failed && m.Component == StockHubToVtex.Step && m.LastError!.Contains("503", StringComparison.Ordinal));
        var record = await app.DbAsync(db => db.HubRecords.AsNoTracking().SingleAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && r.ErpKey == failed[0].BusinessKey));
        (record.SentHash, record.FailedHash).Should().Be(((string?)null, (string?)null), "a transient failure leaves the record pending");
        (record.WaitingHash, record.WaitingFor).Should().Be(((string?)null, (string?)null), "the SKU was found, so the waiting episode is over");

        // As above: the SKU is made to miss again by hand.
        await app.DbAsync(db => db.HubRecords.Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.ErpKey == record.ParentKey)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.VtexId, (string?)null)));
        var again = await CatalogPass.RunAsync(app, 14);

        (await CatalogPass.MessagesAsync(app, again)).Where(m => m.BusinessKey == record.ErpKey).Should().ContainSingle()
            .Which.Component.Should().Be(MessageComponents.WaitingParent);
    }

    [Fact]
    public async Task ContentChangeWhileStuck_WritesOneNewWaitingMessage_ForThatRecordOnly()
    {
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        var first = await CatalogPass.RunAsync(app, 14);
        var orphans = await OrphanStockAsync();
        var record = await app.DbAsync(db => db.HubRecords.AsNoTracking().OrderBy(r => r.Id).FirstAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && orphans.Contains(r.ErpKey)));
        var oldHash = record.ContentHash;
        var branch = int.Parse(record.ErpKey.Split('/')[1], CultureInfo.InvariantCulture);
        var stock = app.Sandbox.State.Erp.Tenant(Tenant).Balances.First(b => b.ProductCode.ToString(CultureInfo.InvariantCulture) == record.ParentKey && b.BranchCode == branch && b.StockCode == 1).Stock;

        app.Sandbox.State.Erp.Tenant(Tenant).SetBalance(int.Parse(record.ParentKey!, CultureInfo.InvariantCulture), branch, stock + 7);
        await CatalogPass.RunAsync(app, 13);
        var second = await CatalogPass.RunAsync(app, 14);

        (await app.DbAsync(db => db.HubRecords.AsNoTracking().SingleAsync(r => r.Id == record.Id))).ContentHash.Should().NotBe(oldHash, "the ERP change reached the hub");
        (await CatalogPass.MessagesAsync(app, first)).Where(m => m.BusinessKey == record.ErpKey).Should().ContainSingle();
        var items = (await CatalogPass.MessagesAsync(app, second)).Where(CatalogPass.IsItem).ToList();
        items.Should().ContainSingle("only the changed record is told again").Which.Should().Match<IntegrationMessage>(m => m.BusinessKey == record.ErpKey && m.Component == MessageComponents.WaitingParent);
    }

    [Fact]
    public async Task RequeueOfAWaitingMessage_StillGetsTheAnswer_WhetherTheSkuIsStuckOrPending_AndRunsStaySilent()
    {
        // 09 has read the SKUs; one of them is then taken out of the hub by hand, as if the read had refused it.
        await CatalogPass.RunAsync(app, HubWithoutVtex);
        var sku = await app.DbAsync(db => db.HubRecords.AsNoTracking().Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock)
            .Where(r => db.HubRecords.Any(s => s.ConnectionId == r.ConnectionId && s.Kind == HubKinds.Sku && s.ErpKey == r.ParentKey))
            .OrderBy(r => r.Id).Select(r => r.ParentKey!).FirstAsync());
        await app.DbAsync(db => db.HubRecords.Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.ErpKey == sku).ExecuteDeleteAsync());
        var first = await CatalogPass.RunAsync(app, 14);
        var waiting = (await CatalogPass.MessagesAsync(app, first)).Where(CatalogPass.IsItem).Where(m => m.LastError!.StartsWith($"aguardando SKU {sku}:", StringComparison.Ordinal))
            .OrderBy(m => m.BusinessKey, StringComparer.Ordinal).First();
        await CatalogPass.RunAsync(app, 14);

        var stuck = await RequeueAsync(waiting.MessageId, attempt: 2);

        stuck.Situation.Should().Be(MessageSituation.Failed);
        stuck.Component.Should().Be(MessageComponents.WaitingParent);
        stuck.LastError.Should().Contain(": não está no hub", "the operator asked, so they get the answer even though runs stay silent");
        stuck.Attempts.OrderBy(a => a.Number).Last().TriggeredBy.Should().Be("analista");
        var after = await CatalogPass.RunAsync(app, 14);
        (await CatalogPass.MessagesAsync(app, after)).Where(CatalogPass.IsItem).Should().BeEmpty();

        // The SKU comes back: 09 reads the whole ERP again (its watermark removed by hand).
        await app.DbAsync(db => db.Watermarks.Where(w => w.ConnectionId == IpaasMonitorApp.FirstConnection && w.Diagram == 9).ExecuteDeleteAsync());
        await CatalogPass.RunAsync(app, 9);
        var pending = await RequeueAsync(waiting.MessageId, attempt: 3);

        pending.Situation.Should().Be(MessageSituation.Failed);
        pending.LastError.Should().MatchRegex("^aguardando SKU [0-9]+: ainda não está na VTEX; será enviado numa próxima execução\\.$", "a pending SKU is answered too, though runs say nothing about it");
        var later = await CatalogPass.RunAsync(app, 14);
        (await CatalogPass.MessagesAsync(app, later)).Where(CatalogPass.IsItem).Should().BeEmpty();
    }

    private async Task<IntegrationMessage> RequeueAsync(Guid messageId, int attempt)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(messageId, "analista", CancellationToken.None)).Should().BeTrue();
        }

        var done = await Wait.UntilAsync(
            () => app.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Attempts).SingleAsync(m => m.MessageId == messageId)),
            m => m.AttemptCount == attempt && m.Situation is MessageSituation.Processed or MessageSituation.Failed,
            what: "the re-queued message to be processed");

        // The re-queue job releases the diagram's lease just after it writes the answer.
        await Wait.UntilAsync(
            () => app.DbAsync(db => db.Leases.AnyAsync(l => l.ConnectionId == IpaasMonitorApp.FirstConnection && l.Diagram == 14 && l.HolderRunId != null)),
            held => !held,
            what: "the re-queue job to release diagram 14");
        return done;
    }

    /// <summary>The stock records whose SKU is not in the hub.</summary>
    private Task<List<string>> OrphanStockAsync() =>
        app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock
                && !db.HubRecords.Any(s => s.ConnectionId == r.ConnectionId && s.Kind == HubKinds.Sku && s.ErpKey == r.ParentKey))
            .Select(r => r.ErpKey).ToListAsync());

    private Task<int> PendingCountAsync(string kind) =>
        app.DbAsync(db => db.HubRecords.CountAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == kind && (r.SentHash == null || r.SentHash != r.ContentHash)));

    private static (int Read, int Sent, int Failed, int Waiting) Summary(IntegrationMessage count)
    {
        var json = JsonDocument.Parse(count.Payload!.Content).RootElement;
        return (json.GetProperty("read").GetInt32(), json.GetProperty("sent").GetInt32(), json.GetProperty("failed").GetInt32(), json.GetProperty("waiting").GetInt32());
    }

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : WaitingParentTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : WaitingParentTests(DatabaseProvider.PostgreSql);
}
