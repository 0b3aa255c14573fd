using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>
/// A parent missing from the hub only because its ERP read has not completed since the process started (a first pass
/// killed before 09 ended, then a restart) is a silent wait, not a "não está no hub" failure (ADR-018); once the read has
/// completed, the parents it refused are told, once, and a restart does not tell them again.
/// </summary>
public sealed class FirstPassRestartTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Sandbox:ReferenceCount"] = "12" };

    [Fact]
    public async Task KilledFirstPass_ThenRestart_StockWaitsSilently_UntilTheSkuReadCompletes_ThenOnlyTheRefusedSkusAreTold()
    {
        var database = Path.Combine(Path.GetTempPath(), $"ipaas-firstpass-{Guid.NewGuid():N}.db");
        int stock;

        // First life: the ERP reads run but 09 (SKUs) is killed half-way: its run never ends, the hub has no SKU.
        await using (var first = new IpaasMonitorApp(database, scheduling: false, extra: Settings))
        {
            _ = first.Services;
            await CatalogPass.RunAsync(first, 1, 3, 5, 11, 13);
            await first.DbAsync(async db =>
            {
                db.Runs.Add(new DiagramRun { Id = Guid.NewGuid(), ConnectionId = IpaasMonitorApp.FirstConnection, Diagram = 9, StartedAtUtc = DateTime.UtcNow, TriggeredBy = "startup" });
                return await db.SaveChangesAsync();
            });
            stock = await PendingStockAsync(first);
            stock.Should().BeGreaterThan(10);

            var before = await CatalogPass.RunAsync(first, 14);

            (await CatalogPass.MessagesAsync(first, before)).Where(CatalogPass.IsItem).Should().BeEmpty("09 has not completed: the hub may simply not have the SKUs yet");
        }

        // Second life on the same database: 14 runs before 09 has read anything in this process.
        await using (var second = new IpaasMonitorApp(database, scheduling: false, extra: Settings))
        {
            _ = second.Services;
            var early = await CatalogPass.RunAsync(second, 14, 12);

            var earlyMessages = await CatalogPass.MessagesAsync(second, early);
            earlyMessages.Where(CatalogPass.IsItem).Should().BeEmpty("no 'não está no hub' while the SKU read has not completed since the start");
            var run = await second.DbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == early[0]));
            (run.Failed, run.Waiting).Should().Be((0, stock), "they are still counted as waiting");

            await CatalogPass.RunAsync(second, 9);
            var told = await CatalogPass.RunAsync(second, 14);
            var again = await CatalogPass.RunAsync(second, 14);

            var orphans = await OrphanStockAsync(second);
            orphans.Should().NotBeEmpty("a few SKUs are refused by ERP → Hub (09), but not their stock");
            (await CatalogPass.MessagesAsync(second, told)).Where(CatalogPass.IsItem).Should().HaveCount(orphans.Count)
                .And.OnlyContain(m => orphans.Contains(m.BusinessKey!) && m.Component == MessageComponents.WaitingParent && m.LastError!.Contains(": não está no hub", StringComparison.Ordinal));
            (await CatalogPass.MessagesAsync(second, again)).Where(CatalogPass.IsItem).Should().BeEmpty("told once per episode");
        }

        // Third life: the episodes told before the restart stay open while 09 has not completed again, and are not told twice.
        await using var third = new IpaasMonitorApp(database, scheduling: false, extra: Settings);
        _ = third.Services;
        var afterRestart = await CatalogPass.RunAsync(third, 14);
        (await CatalogPass.MessagesAsync(third, afterRestart)).Where(CatalogPass.IsItem).Should().BeEmpty();
        var open = await third.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && r.WaitingHash != null).Select(r => r.ErpKey).ToListAsync());
        open.Should().BeEquivalentTo(await OrphanStockAsync(third), "a silent wait for an unread parent keeps the episode as it was");

        await CatalogPass.RunAsync(third, 9);
        var afterRead = await CatalogPass.RunAsync(third, 14);
        (await CatalogPass.MessagesAsync(third, afterRead)).Where(CatalogPass.IsItem).Should().BeEmpty("the same SKUs are missing for the same reason: already told");
    }

    private static Task<int> PendingStockAsync(IpaasMonitorApp app) =>
        app.DbAsync(db => db.HubRecords.CountAsync(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock && (r.SentHash == null || r.SentHash != r.ContentHash)));

    private static Task<List<string>> OrphanStockAsync(IpaasMonitorApp app) =>
        app.DbAsync(db => db.HubRecords.AsNoTracking()
            .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Stock
                && !db.HubRecords.Any(s => s.ConnectionId == r.ConnectionId && s.Kind == HubKinds.Sku && s.ErpKey == r.ParentKey))
            .Select(r => r.ErpKey).ToListAsync());
}
