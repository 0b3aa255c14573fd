using System.Text.Json;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Faults;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>
/// Transient failures of an item step are retried inside the run (ADR-018): the step looks up before it writes, so a
/// write whose answer was lost (a 504 after VTEX processed it) is found on the next try and never written twice; a price
/// that fails after its SKU was written is retried alone. Real SQLite file, real migrations, sandbox over HTTP; tiny
/// back-off delays so the tests do not wait.
/// </summary>
public sealed class InRunRetryTests
{
    private const string Account = "loja-a";
    private const string SkuCreation = "vtex:POST /api/catalog/pvt/stockkeepingunit";
    private const string SkuUpdate = "vtex:PUT /api/catalog/pvt/stockkeepingunit/{skuId}";

    /// <summary>ERP → Hub of the SKUs with everything 10 needs (prices included), without sending anything to VTEX.</summary>
    private static readonly int[] HubForSkus = [1, 3, 5, 9, 19];

    [Fact]
    public async Task InjectedFaultsAndLostResponses_AreAbsorbedInTheRun_WithoutADuplicate()
    {
        await using var app = NewApp(retries: 20);
        _ = app.Services;
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", ErrorRate = 0.2, ThrottleRate = 0.1, LostResponseRate = 0.1, RetryAfterSeconds = 0 });
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:PUT *", ErrorRate = 0.2, ThrottleRate = 0.1, LostResponseRate = 0.05, RetryAfterSeconds = 0 });

        var runs = await CatalogPass.RunAsync(app);

        var inspection = app.Sandbox.State.Inspect();
        inspection.Count("vtex:POST *", Account, 504).Should().BePositive("writes were processed while their answer was lost");
        inspection.Count("vtex:POST *", Account, 503).Should().BePositive();
        inspection.Vtex[Account].DuplicatesCreated.Should().Be(0, "the retry's look-up finds what the lost write created");
        var messages = await CatalogPass.MessagesAsync(app, runs);
        messages.Where(m => m.Situation == MessageSituation.Failed && IsInjected(m.LastError)).Should().BeEmpty("every injected fault was absorbed inside its run");
        messages.Where(m => m.Component == DiagramRunner.CountComponent).Sum(m => Retried(m)).Should().BePositive("the runs say how many steps they tried again");
        var skus = app.Sandbox.State.Vtex.Account(Account).Skus;
        skus.GroupBy(s => s.RefId).Should().OnlyContain(g => g.Count() == 1, "one VTEX SKU per RefId");
        var sent = await app.DbAsync(db => db.HubRecords.CountAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Sku && r.VtexId != null));
        skus.Should().HaveCount(sent);
    }

    [Fact]
    public async Task EverySkuCreationAnsweredWith504_IsFoundByTheLookUp_AndTheSkuIsCreatedOnce()
    {
        await using var app = NewApp(retries: 2);
        _ = app.Services;
        await CatalogPass.RunAsync(app, [.. HubForSkus, 2, 4, 6]);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = SkuCreation, LostResponseRate = 1 });

        var run = await CatalogPass.RunAsync(app, 10);

        var items = (await CatalogPass.MessagesAsync(app, run)).Where(CatalogPass.IsItem).Where(m => m.Component != MessageComponents.WaitingParent).ToList();
        items.Should().NotBeEmpty().And.OnlyContain(m => m.Situation == MessageSituation.Processed, "the second try found each SKU by its RefId and completed it");
        var lost = app.Sandbox.State.Inspect().Count(SkuCreation, Account, 504);
        lost.Should().Be(items.Count, "each SKU was created by exactly one POST, whose answer was lost");
        app.Sandbox.State.Inspect().Count(SkuCreation, Account).Should().Be(lost, "no SKU was POSTed twice");
        app.Sandbox.State.Vtex.Account(Account).Skus.Should().HaveCount(items.Count);
        app.Sandbox.State.Inspect().Vtex[Account].DuplicatesCreated.Should().Be(0);
    }

    [Fact]
    public async Task PriceFailingAfterTheSkuWasWritten_IsRetriedAloneInTheRun_NotTheSku()
    {
        await using var app = NewApp(retries: 2, pricingHttpRetries: 0);
        _ = app.Services;
        await CatalogPass.RunAsync(app, [.. HubForSkus, 2, 4, 6]);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:PUT prices", FailNext = 1, FailNextStatus = 503 });

        var run = await CatalogPass.RunAsync(app, 10);

        var items = (await CatalogPass.MessagesAsync(app, run)).Where(CatalogPass.IsItem).Where(m => m.Component != MessageComponents.WaitingParent).ToList();
        items.Should().NotBeEmpty().And.OnlyContain(m => m.Situation == MessageSituation.Processed && m.Component == MessageComponents.Created);
        var inspection = app.Sandbox.State.Inspect();
        inspection.Count("vtex:PUT prices", Account, 503).Should().Be(1);
        inspection.Count(SkuUpdate, Account).Should().Be(0, "the SKU was written once; only its price was tried again");
        (await PendingPricesAsync(app)).Should().BeEmpty();
    }

    [Fact]
    public async Task PriceFailingBeyondTheRetries_StaysPending_SaysSo_AndTwentySendsIt()
    {
        await using var app = NewApp(retries: 1, pricingHttpRetries: 0);
        _ = app.Services;
        await CatalogPass.RunAsync(app, [.. HubForSkus, 2, 4, 6]);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:PUT prices", FailNext = 100_000, FailNextStatus = 503 });

        var run = await CatalogPass.RunAsync(app, 10);

        app.Sandbox.State.Faults.Clear();
        var items = (await CatalogPass.MessagesAsync(app, run)).Where(CatalogPass.IsItem).Where(m => m.Component != MessageComponents.WaitingParent).ToList();
        items.Where(m => m.Situation == MessageSituation.Failed).Should().OnlyContain(m => m.Component == MainPriceSender.Step, "only prices failed");
        var failed = items.Where(m => m.Situation == MessageSituation.Failed).ToList();
        failed.Should().NotBeEmpty().And.OnlyContain(m => m.LastError!.StartsWith("SKU gravado (CREATE OK), mas o preço falhou: VTEX 503", StringComparison.Ordinal)
            && m.LastError.EndsWith("o preço continua pendente e o diagrama 20 o envia na próxima execução", StringComparison.Ordinal));
        app.Sandbox.State.Inspect().Count("vtex:PUT prices", Account, 503).Should().Be(2 * failed.Count, "one try and one retry each");
        var pending = await PendingPricesAsync(app);
        pending.Should().BeEquivalentTo(failed.Select(m => m.BusinessKey), "the SKU is sent; its price is still to send");

        var twenty = await CatalogPass.RunAsync(app, 20);

        (await CatalogPass.MessagesAsync(app, twenty)).Where(CatalogPass.IsItem).Should().HaveCount(pending.Count)
            .And.OnlyContain(m => m.Situation == MessageSituation.Processed && pending.Contains(m.BusinessKey!));
        (await PendingPricesAsync(app)).Should().BeEmpty();
        app.Sandbox.State.Vtex.Account(Account).Prices.Should().HaveCount(pending.Count);
    }

    /// <summary>The app with in-run retries on and tiny delays everywhere, so a retried step does not make the test wait.</summary>
    private static IpaasMonitorApp NewApp(int retries, int? pricingHttpRetries = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:ReferenceCount"] = "12",
            ["IpaasMonitor:Resilience:StepRetry:Enabled"] = "true",
        };
        foreach (var system in new[] { "VtexCatalog", "VtexPricing", "VtexLogistics" })
        {
            settings[$"IpaasMonitor:Resilience:StepRetry:{system}:MaxRetries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"IpaasMonitor:Resilience:StepRetry:{system}:BaseDelay"] = "00:00:00.005";
            settings[$"IpaasMonitor:Resilience:StepRetry:{system}:MaxDelay"] = "00:00:00.020";
        }

        foreach (var system in new[] { "Vtex", "VtexPricing" })
        {
            settings[$"IpaasMonitor:Resilience:{system}:BaseDelay"] = "00:00:00.005";
            settings[$"IpaasMonitor:Resilience:{system}:MaxDelay"] = "00:00:00.020";
        }

        if (pricingHttpRetries is { } http)
        {
            // Every price failing must not open the pricing circuit: 20 runs right after the faults are cleared.
            settings["IpaasMonitor:Resilience:VtexPricing:MaxRetryAttempts"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["IpaasMonitor:Resilience:VtexPricing:BreakerMinimumThroughput"] = "100000";
        }

        return new IpaasMonitorApp(extra: settings);
    }

    private static Task<List<string>> PendingPricesAsync(IpaasMonitorApp app) =>
        app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Price && (r.SentHash == null || r.SentHash != r.ContentHash))
            .Where(r => db.HubRecords.Any(s => s.ConnectionId == r.ConnectionId && s.Kind == HubKinds.Sku && s.ErpKey == r.ErpKey && s.VtexId != null))
            .Select(r => r.ErpKey).ToListAsync());

    private static bool IsInjected(string? error) =>
        error is not null && (error.Contains("VTEX 503", StringComparison.Ordinal) || error.Contains("VTEX 504", StringComparison.Ordinal) || error.Contains("VTEX 429", StringComparison.Ordinal));

    private static int Retried(IntegrationMessage count) =>
        JsonDocument.Parse(count.Payload!.Content).RootElement.GetProperty("retried").GetInt32();
}
