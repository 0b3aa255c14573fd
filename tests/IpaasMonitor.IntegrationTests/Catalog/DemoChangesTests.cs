using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>
/// The demo ERP's changes reach every update path of the catalogue (issue #17): after a first pass, a dozen change ticks
/// (what a dozen minutes of the demo does) make 04, 06, 10 and 12 send updates, not only creations.
/// </summary>
public sealed class DemoChangesTests : IAsyncLifetime
{
    private readonly IpaasMonitorApp app = new(extra: new Dictionary<string, string?> { ["Sandbox:ReferenceCount"] = "12" });

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task DemoChanges_UpdateCategoriesProductsSkusAndSkuSpecifications()
    {
        await CatalogPass.RunAsync(app);
        app.Sandbox.State.ResetCounters();

        foreach (var tenant in app.Sandbox.State.Erp.TenantNames)
        {
            app.Sandbox.State.Erp.Tenant(tenant).ApplyChanges(12);
        }

        var runs = await CatalogPass.RunAsync(app);

        var messages = await CatalogPass.MessagesAsync(app, runs);
        var inspection = app.Sandbox.State.Inspect();
        foreach (var (diagram, route) in new[] { (4, "vtex:PUT category"), (6, "vtex:PUT product"), (10, "vtex:PUT sku") })
        {
            messages.Should().Contain(m => m.Diagram == diagram && m.Component == MessageComponents.Updated, $"diagram {diagram:00} sends an update");
            inspection.Count(route, "loja-a", 200).Should().BePositive(route);
        }

        messages.Should().Contain(m => m.Diagram == 12 && CatalogPass.IsItem(m) && m.Situation == Data.Entities.MessageSituation.Processed, "a renamed colour changes a SKU specification");
        inspection.Count("vtex:PUT /api/catalog/pvt/stockkeepingunit/{skuId}/specification", "loja-a", 200).Should().BePositive();
    }
}
