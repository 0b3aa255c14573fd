using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Erp;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>Diagrams 03–22 against the embedded sandbox (12 references ≈ 100 SKUs, no faults), over real SQLite and HTTP.</summary>
public abstract class CatalogDiagramsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Account = "loja-a";
    private const string Tenant = "tenant-a";

    /// <summary>20 (PriceTable-HubToVtex) sends prices of SKUs already in VTEX; a new SKU's price goes with it in 10.</summary>
    private const int PricesSentWithTheirSkuOnAFirstPass = 20;

    private readonly IpaasMonitorApp app = new(provider: provider, extra: new Dictionary<string, string?> { ["Sandbox:ReferenceCount"] = "12" });

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task FullPass_ProcessesEveryDiagram_CreatesTheCatalogue_AndEveryRequestFitsVtexOpenApi()
    {
        var erp = app.Sandbox.State.Erp.Tenant(Tenant);

        var runs = await CatalogPass.RunAsync(app);

        var messages = await CatalogPass.MessagesAsync(app, runs);
        foreach (var diagram in DiagramCatalog.All.Where(d => d.HubKind is not null).Select(d => d.Number))
        {
            messages.Should().Contain(m => m.Diagram == diagram && m.Component == DiagramRunner.CountComponent && m.Situation == MessageSituation.Processed, $"diagram {diagram:00} completes");
        }

        foreach (var diagram in Enumerable.Range(1, 22).Where(d => d != PricesSentWithTheirSkuOnAFirstPass))
        {
            messages.Should().Contain(m => m.Diagram == diagram && CatalogPass.IsItem(m) && m.Situation == MessageSituation.Processed, $"diagram {diagram:00} processes items");
        }

        messages.Should().NotContain(m => m.Diagram == PricesSentWithTheirSkuOnAFirstPass && CatalogPass.IsItem(m) && m.Situation == MessageSituation.Processed,
            "on a first pass 10 creates every SKU and sends its price with it, so 20 has no price of its own to send");

        messages.Should().Contain(m => m.Diagram == 12 && m.Component == MessageComponents.Associated);
        messages.Should().Contain(m => m.Diagram == 10 && m.Component == MessageComponents.Created);
        var vtex = app.Sandbox.State.Vtex.Account(Account);
        vtex.Categories.Should().HaveCount(erp.Categories.Count);
        var sentProducts = erp.References.Count(r => !string.IsNullOrWhiteSpace(r.Name) && r.BrandCode != ErpTenant.InvalidLongNameCode);
        vtex.Products.Should().HaveCount(sentProducts, "the blank-name reference is refused and the one of the rejected brand waits");
        vtex.Skus.Should().NotBeEmpty().And.OnlyContain(s => s.RefId != null);
        vtex.Prices.Should().NotBeEmpty();
        vtex.Inventory.Select(i => i.WarehouseId).Distinct().Should().BeEquivalentTo("1_1", "filial_2");
        vtex.SkuSpecifications.Should().HaveCount(vtex.Skus.Count * 2, "colour and size, once each");
        app.Sandbox.State.Inspect().Vtex[Account].DuplicatesCreated.Should().Be(0);
        CatalogPass.ContractViolations(app).Should().BeEmpty();

        var waiting = messages.Where(m => m.Component == MessageComponents.WaitingParent).ToList();
        waiting.Should().Contain(m => m.Diagram == 6 && m.LastError!.StartsWith("aguardando marca 7", StringComparison.Ordinal), "the 11th reference belongs to the brand VTEX rejects");
        messages.Should().Contain(m => m.Diagram == 5 && m.Situation == MessageSituation.Failed && m.LastError!.Contains("nome", StringComparison.Ordinal), "the 5th reference has a blank name");
        messages.Should().Contain(m => m.Diagram == 13 && m.Situation == MessageSituation.Failed && m.LastError!.Contains("estoque negativo", StringComparison.Ordinal));
        messages.Should().Contain(m => m.Diagram == 19 && m.Situation == MessageSituation.Failed && m.LastError!.Contains("preço -10,00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondPass_CreatesNothingTwice_SendsNothing_AndWritesNoItemMessage()
    {
        await CatalogPass.RunAsync(app);
        var vtex = app.Sandbox.State.Vtex.Account(Account);
        var before = (vtex.Categories.Count, vtex.Products.Count, vtex.Skus.Count, vtex.SkuSpecifications.Count, vtex.SkuComplements.Count, vtex.SpecificationFields.Count, vtex.SpecificationValues.Count);
        app.Sandbox.State.ResetCounters();

        var runs = await CatalogPass.RunAsync(app);

        var messages = await CatalogPass.MessagesAsync(app, runs);
        messages.Where(CatalogPass.IsItem).Should().BeEmpty("records still waiting for a parent are tried again, but their waiting message is already in the grid");
        foreach (var diagram in new[] { 6, 10 })
        {
            var summary = JsonDocument.Parse(messages.Single(m => m.Diagram == diagram && m.Component == DiagramRunner.CountComponent).Payload!.Content).RootElement;
            summary.GetProperty("waiting").GetInt32().Should().BePositive($"diagram {diagram:00} still counts the product of the rejected brand (and its SKUs) as waiting");
            summary.GetProperty("failed").GetInt32().Should().Be(0);
        }

        app.Sandbox.State.Journal.Snapshot().Should().NotContain(e => e.Method != "GET", "nothing changed, so nothing is written");
        (vtex.Categories.Count, vtex.Products.Count, vtex.Skus.Count, vtex.SkuSpecifications.Count, vtex.SkuComplements.Count, vtex.SpecificationFields.Count, vtex.SpecificationValues.Count)
            .Should().Be(before);
        app.Sandbox.State.Inspect().Vtex[Account].DuplicatesCreated.Should().Be(0);
    }

    [Fact]
    public async Task OneMainPriceChange_GivesExactlyOnePriceMessage_AndOneVtexCall_KeepingTheBranchFixedPrice()
    {
        await CatalogPass.RunAsync(app);
        // The SKU of the product changed last in the ERP: 09's next window starts 5 minutes before its watermark (that
        // change), so 09 reads this product again on the next pass, with its price. The change still belongs to 19.
        var products = app.Sandbox.State.Erp.Tenant(Tenant).Products;
        var overlapStart = products.Max(p => p.ChangedAt) - WatermarkStore.Overlap;
        var reread = products.Where(p => p.ChangedAt > overlapStart).Select(p => p.Code.ToString(CultureInfo.InvariantCulture)).ToList();
        var sku = await app.DbAsync(db => db.HubRecords.AsNoTracking().OrderBy(r => r.ErpKey).FirstAsync(r =>
            r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.VtexId != null && reread.Contains(r.ErpKey)));
        var productCode = int.Parse(sku.ErpKey, CultureInfo.InvariantCulture);
        var skuId = int.Parse(sku.VtexId!, CultureInfo.InvariantCulture);
        var vtex = app.Sandbox.State.Vtex.Account(Account);
        vtex.Prices.Single(p => p.ItemId == sku.VtexId).FixedPrices.Should().ContainSingle(f => f.TradePolicyId == "2", "22 set the branch price");
        app.Sandbox.State.ResetCounters();

        app.Sandbox.State.Erp.Tenant(Tenant).SetPrice(productCode, 1, 123.45m);
        var runs = await CatalogPass.RunAsync(app);

        var items = (await CatalogPass.MessagesAsync(app, runs)).Where(CatalogPass.IsItem).Where(m => m.Component != MessageComponents.WaitingParent).ToList();
        items.Should().HaveCount(2, "one message stores the new price in the hub (19), one sends it (20)");
        items.Should().ContainSingle(m => m.Diagram == 19, "a price the hub already holds changes through the price tables, not through 09's re-read of its overlap")
            .Which.BusinessKey.Should().Be(sku.ErpKey);
        var sent = items.Should().ContainSingle(m => m.Diagram == 20).Subject;
        sent.Situation.Should().Be(MessageSituation.Processed);
        sent.BusinessKey.Should().Be(sku.ErpKey);
        var writes = app.Sandbox.State.Journal.Snapshot().Where(e => e.Method != "GET").ToList();
        writes.Should().ContainSingle().Which.Path.Should().Be($"/pricing/prices/{skuId}");
        var price = vtex.Prices.Single(p => p.ItemId == sku.VtexId);
        price.BasePrice.Should().Be(123.45m);
        price.FixedPrices.Should().ContainSingle(f => f.TradePolicyId == "2", "the main price PUT merges the branch price instead of wiping it");
        CatalogPass.ContractViolations(app).Should().BeEmpty();
    }

    [Fact]
    public async Task PriceWhoseSkuIsNotInVtexYet_LeavesNoGridMessage_AndGoesOutWithTheSkuIn10()
    {
        var first = await CatalogPass.RunAsync(app, 1, 3, 5, 2, 4, 6, 9, 19, 20);

        (await CatalogPass.MessagesAsync(app, first)).Where(m => m.Diagram == 20 && CatalogPass.IsItem(m))
            .Should().BeEmpty("10 sends these prices with their SKUs; a waiting failure per price would only bury real failures");
        var vtex = app.Sandbox.State.Vtex.Account(Account);
        vtex.Prices.Should().BeEmpty();

        await CatalogPass.RunAsync(app, 10);

        var created = await app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.VtexId != null)
            .Select(r => new { r.ErpKey, r.VtexId }).ToListAsync());
        var priced = await app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Price).ToListAsync());
        var expected = created.Where(s => priced.Any(p => p.ErpKey == s.ErpKey)).Select(s => s.VtexId!).ToList();
        expected.Should().NotBeEmpty();
        vtex.Prices.Select(p => p.ItemId).Should().BeEquivalentTo(expected, "every created SKU with a price in the hub got it from 10");
        priced.Where(p => created.Any(s => s.ErpKey == p.ErpKey)).Should().OnlyContain(p => p.SentHash == p.ContentHash, "nothing is left for 20 to send");
    }

    [Fact]
    public async Task RecordWhoseParentIsMissing_WaitsForIt_ThenSucceedsOnALaterRun()
    {
        // The brands' ERP read (01) has not completed since this process started, so a product whose brand is missing
        // from the hub waits in silence (ADR-018): no message, nothing sent.
        var first = await CatalogPass.RunAsync(app, 3, 4, 5, 6);
        var waiting = (await CatalogPass.MessagesAsync(app, first)).Where(m => m.Diagram == 6 && CatalogPass.IsItem(m)).ToList();
        waiting.Should().BeEmpty("a parent whose ERP read has not completed since start is waited for silently");
        app.Sandbox.State.Vtex.Account(Account).Products.Should().BeEmpty();

        var second = await CatalogPass.RunAsync(app, 1, 2, 6);

        var created = (await CatalogPass.MessagesAsync(app, second)).Where(m => m.Diagram == 6 && m.Component == MessageComponents.Created).ToList();
        created.Should().NotBeEmpty("the waiting products are sent once their brands are in VTEX");
        app.Sandbox.State.Vtex.Account(Account).Products.Select(p => p.RefId).Should().Contain(created.Select(m => m.BusinessKey));
    }

    [Fact]
    public async Task Reprocess24h_ResendsTheLastDaysChanges_AsUpdates_WithoutCreatingAnything()
    {
        await CatalogPass.RunAsync(app);
        var since = DateTime.UtcNow - TimeSpan.FromHours(24);
        var recentRecords = await app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.SentHash != null && r.ErpChangedAtUtc >= since
                && (r.Kind == HubKinds.Sku || r.Kind == HubKinds.Product || r.Kind == HubKinds.Price || r.Kind == HubKinds.Stock || r.Kind == HubKinds.BranchStock || r.Kind == HubKinds.BranchPrice))
            .Select(r => new { r.Kind, r.ErpKey })
            .ToListAsync());
        var recentSkus = recentRecords.Where(r => r.Kind == HubKinds.Sku).Select(r => r.ErpKey).ToHashSet();
        var recent = recentRecords.Count(r => r.Kind != HubKinds.Price || !recentSkus.Contains(r.ErpKey)); // 10 sends an SKU and its price in one message
        app.Sandbox.State.ResetCounters();

        var run = await app.RunAsync(39);

        var messages = await CatalogPass.MessagesAsync(app, [run!.Value]);
        messages.Should().ContainSingle(m => m.Component == DiagramRunner.CountComponent).Which.Situation.Should().Be(MessageSituation.Processed);
        messages.Count(m => m.Situation == MessageSituation.Processed && m.Component == MessageComponents.Updated).Should().BeGreaterThanOrEqualTo(recent);
        messages.Should().NotContain(m => m.Component == MessageComponents.Created);
        app.Sandbox.State.Journal.Snapshot().Should().NotContain(e => e.Method == "POST" && (e.Path.EndsWith("/product", StringComparison.Ordinal) || e.Path.EndsWith("/stockkeepingunit", StringComparison.Ordinal)));
        app.Sandbox.State.Inspect().Vtex[Account].DuplicatesCreated.Should().Be(0);
        CatalogPass.ContractViolations(app).Should().BeEmpty();
    }

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : CatalogDiagramsTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : CatalogDiagramsTests(DatabaseProvider.PostgreSql);
}
