using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.IntegrationTests.Catalog;
using IpaasMonitor.IntegrationTests.Security;
using IpaasMonitor.Sandbox.Erp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Desk;

/// <summary>
/// Waits on a failed parent grouped under the parent's own failure (ADR-017 amendment 3), end to end on the sandbox's
/// designed bad data: VTEX refuses brand 7 (its long name), so the product of reference 11 waits for it in 06, and that
/// product's SKUs wait for the product in 10. Real store with the real migrations, real HTTP to the sandbox and the app.
/// </summary>
public abstract class ParentFailureTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly string Brand = ErpTenant.InvalidLongNameCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private readonly IpaasMonitorApp app = new(provider: provider, extra: new Dictionary<string, string?>
    {
        ["Sandbox:ReferenceCount"] = "12",
    });

    public Task InitializeAsync()
    {
        _ = app.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AWaitOnARefusedBrand_CarriesTheParent_TheBrandsGroupCountsIt_AndEveryLinkLeadsToTheParentsOwnGroup()
    {
        await CatalogPass.RunAsync(app, [.. CatalogPass.ErpToHub, .. CatalogPass.HubToVtex]);

        var brandFailure = await app.DbAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.Diagram == 2 && m.BusinessKey == Brand && m.Situation == MessageSituation.Failed));
        var productWait = await app.DbAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.Diagram == 6 && m.Component == MessageComponents.WaitingParent && m.Situation == MessageSituation.Failed
                && m.LastError!.StartsWith("aguardando marca " + Brand + ":")));
        productWait.LastError.Should().Contain("recusado pela VTEX");
        (productWait.ParentDiagram, productWait.ParentKey).Should().Be((2, Brand), "the wait keeps the parent's item, whose failure holds it");
        var skuWaits = await app.DbAsync(db => db.Messages.AsNoTracking()
            .Where(m => m.Component == MessageComponents.WaitingParent && m.Situation == MessageSituation.Failed && m.LastError!.Contains("ele também está aguardando (marca " + Brand + ":"))
            .ToListAsync());
        // Only those one step from the product: a record waiting for a waiting SKU names the product's wait inside its SKU's.
        skuWaits = [.. skuWaits.Where(m => m.LastError!.Split("ele também está aguardando").Length == 2)];
        skuWaits.Should().Contain(m => m.Diagram == 10).And.OnlyContain(
            m => m.ParentDiagram == 6 && m.ParentKey == productWait.BusinessKey, "a SKU (or a product specification) waits for the product, itself waiting: its parent failure is the product's wait");
        skuWaits = [.. skuWaits.OrderBy(m => m.Diagram == 10 ? 0 : 1)];

        await using var scope = app.Services.CreateAsyncScope();
        var groups = scope.ServiceProvider.GetRequiredService<FailureGroupQueries>();
        (await groups.RefreshAsync(force: true, CancellationToken.None)).Should().BeTrue();

        var brandGroup = (await groups.GetGroupAsync(brandFailure.CauseKey!, CancellationToken.None))!;
        (brandGroup.HeldWaits, brandGroup.HeldItems).Should().Be((1, 1), "the one product of the refused brand waits behind the brand's failure");
        var productWaitGroup = (await groups.GetGroupAsync(productWait.CauseKey!, CancellationToken.None))!;
        productWaitGroup.ParentCauseKey.Should().Be(brandFailure.CauseKey, "the group of waits links to the brand failure's own group");
        productWaitGroup.HeldWaits.Should().Be(skuWaits.Count, "the product's wait holds its SKUs' (and its specifications') waits in turn");
        var skuWaitGroup = (await groups.GetGroupAsync(skuWaits[0].CauseKey!, CancellationToken.None))!;
        skuWaitGroup.ParentCauseKey.Should().Be(productWait.CauseKey);

        var parents = await groups.ParentFailuresAsync([productWait.Id, skuWaits[0].Id, brandFailure.Id], CancellationToken.None);
        parents.Keys.Should().BeEquivalentTo([productWait.Id, skuWaits[0].Id], "only waits name a parent");
        parents[productWait.Id].Should().Be(new ParentFailure(2, Brand, brandFailure.MessageId, brandFailure.CauseKey));
        parents[skuWaits[0].Id].MessageId.Should().Be(productWait.MessageId);

        // The pages: the groups page shows the brand's held count with the list of the waits, and the waits link to the
        // brand's group; that link opens exactly that group.
        using var viewer = await SignIn.AsAsync(app, SignIn.Viewer);
        var page = await viewer.GetStringAsync("/falhas");
        page.Should().Contain($"href=\"mensagens?retidasPor={brandFailure.CauseKey}&amp;situacao=erro\"")
            .And.Contain($"href=\"falhas?grupo={brandFailure.CauseKey}\"");
        var one = await viewer.GetStringAsync($"/falhas?grupo={brandFailure.CauseKey}");
        one.Should().Contain($"data-cause=\"{brandFailure.CauseKey}\"").And.NotContain($"data-cause=\"{productWait.CauseKey}\"");
        var held = await viewer.GetStringAsync($"/mensagens?retidasPor={brandFailure.CauseKey}&situacao=erro");
        held.Should().Contain(productWait.ShortId).And.NotContain(skuWaits[0].ShortId, "the SKUs wait behind the product's wait, not the brand");
        var detail = await viewer.GetStringAsync($"/mensagens/{productWait.MessageId}");
        detail.Should().Contain($"href=\"falhas?grupo={brandFailure.CauseKey}\"").And.Contain($"href=\"mensagens/{brandFailure.MessageId}\"");
    }

    [Fact]
    public async Task RequeueingTheWaitsAlone_HoldsThemWhileTheBrandStillFails_AndCountsWhy()
    {
        await CatalogPass.RunAsync(app, [.. CatalogPass.ErpToHub, .. CatalogPass.HubToVtex]);
        var productWait = await app.DbAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.Diagram == 6 && m.Component == MessageComponents.WaitingParent && m.Situation == MessageSituation.Failed
                && m.LastError!.StartsWith("aguardando marca " + Brand + ":")));

        await using var scope = app.Services.CreateAsyncScope();
        var batches = scope.ServiceProvider.GetRequiredService<RequeueBatches>();
        var batch = await batches.StartGroupAsync(productWait.CauseKey!, "analista", "esperas da marca", CancellationToken.None);
        var progress = await Wait.UntilAsync(
            () => batches.ProgressAsync(batch, CancellationToken.None)!,
            p => p!.CompletedAtUtc is not null,
            what: "the re-queue of the waits to complete");

        progress!.Should().BeEquivalentTo(new { Pending = 0, InFlight = 0, Done = 0, FailedAgain = 0, Skipped = 0, HeldByParent = 1 });
        var after = await app.DbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == productWait.Id));
        (after.Situation, after.AttemptCount).Should().Be((MessageSituation.Failed, 1), "the wait was not re-queued: it would only wait again");
    }

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : ParentFailureTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : ParentFailureTests(DatabaseProvider.PostgreSql);
}
