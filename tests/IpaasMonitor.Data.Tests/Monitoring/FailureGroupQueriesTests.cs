using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Data.Tests.Monitoring;

/// <summary>
/// The failure groups' summary is refreshed incrementally (ADR-017 amendment 2): every change of a failure marks its
/// group, in the change's transaction, and a refresh recomputes the marked groups only, to the same figures a full
/// rebuild gives. Real recorder, real actions, real SQLite with the real migrations.
/// </summary>
public sealed class FailureGroupQueriesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 13, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly InMemoryStorage hangfire = new();
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        hangfire.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ARefresh_RecomputesOnlyTheGroupsThatChanged_AndAgreesWithTheLiveFailures()
    {
        var groups = new FailureGroupQueries(database.Factory, time);
        await RecordAsync(14, "SKU não encontrado", "SKU-1", "SKU-2", "SKU-3");
        await RecordAsync(24, "preço inválido", "P-1", "P-2");
        (await groups.RefreshAsync(force: true, default)).Should().BeTrue();
        var notFound = FailureCause.KeyOf(14, "UPDATE SKU", "SKU não encontrado");
        var badPrice = FailureCause.KeyOf(24, "UPDATE SKU", "preço inválido");
        (await FiguresAsync()).Should().BeEquivalentTo(new Dictionary<string, (int, int)> { [notFound] = (3, 3), [badPrice] = (2, 2) });
        (await MarksAsync()).Should().BeEmpty("the refresh consumed the marks it acted on");

        // A group's row made wrong behind the summary's back: only a full rebuild would put it right.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.FailureGroups.Where(g => g.CauseKey == badPrice).ExecuteUpdateAsync(s => s.SetProperty(g => g.Failures, 99));
        }

        // Two new failures of the first cause, and a later run heals SKU-1.
        await RecordAsync(14, "SKU não encontrado", "SKU-4", "SKU-5");
        await RecordAsync(14, error: null, "SKU-1");
        (await MarksAsync()).Should().OnlyContain(k => k == notFound);
        time.Advance(TimeSpan.FromMinutes(1));
        (await groups.RefreshAsync(force: false, default)).Should().BeTrue();

        (await FiguresAsync()).Should().BeEquivalentTo(
            new Dictionary<string, (int, int)> { [notFound] = (4, 4), [badPrice] = (99, 2) }, "the unchanged group was not read again");
        (await groups.CountAsync(notFound, default)).Should().Be(4);
        (await groups.GetGroupAsync(badPrice, default))!.RefreshedAtUtc.Should().Be(time.GetUtcNow().UtcDateTime, "every group is as of the refresh");

        // The full rebuild mark (the migration writes one) recomputes them all.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await FailureGroupChanges.MarkAsync(db, [FailureGroupChanges.All], default);
        }

        await groups.RefreshAsync(force: true, default);
        (await FiguresAsync()).Should().BeEquivalentTo(new Dictionary<string, (int, int)> { [notFound] = (4, 4), [badPrice] = (2, 2) });
    }

    [Fact]
    public async Task ReQueueDiscardAndResolution_MarkTheGroupTheyTakeAFailureOutOf()
    {
        var groups = new FailureGroupQueries(database.Factory, time);
        var actions = new MessageActions(database.Factory, new BackgroundJobClient(hangfire), time);
        await RecordAsync(14, "SKU não encontrado", "SKU-1", "SKU-2", "SKU-3", "SKU-4");
        var key = FailureCause.KeyOf(14, "UPDATE SKU", "SKU não encontrado");
        await groups.RefreshAsync(force: true, default);
        var failed = await FailedIdsAsync();

        (await actions.RequeueAsync([failed[0]], "operador", null, default)).Should().Be(1);
        (await MarksAsync()).Should().Equal(key);
        await groups.RefreshAsync(force: true, default);
        (await FiguresAsync())[key].Should().Be((3, 3));

        (await actions.DiscardAsync(failed[1], "operador", "duplicada", default)).Should().BeTrue();
        (await MarksAsync()).Should().Equal(key);
        await groups.RefreshAsync(force: true, default);
        (await FiguresAsync())[key].Should().Be((2, 2));

        await RecordAsync(14, error: null, "SKU-3");
        (await MarksAsync()).Should().Equal(key);
        await groups.RefreshAsync(force: true, default);
        (await FiguresAsync())[key].Should().Be((1, 1));

        (await actions.DiscardGroupAsync(key, "operador", "sem solução", default)).Should().Be(1);
        (await MarksAsync()).Should().Equal(key);
        await groups.RefreshAsync(force: true, default);
        (await groups.GetGroupsAsync(null, default)).Should().BeEmpty("the group has no failure left");
    }

    [Fact]
    public async Task AWaitOnAFailedParent_IsHeldBehindTheParentsGroup_WhicheverCauseTheParentsFailureHasNow()
    {
        var groups = new FailureGroupQueries(database.Factory, time);
        await RecordAsync(2, "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido", "7");
        await RecordWaitsAsync(2, "7", "P-1", "P-2");
        await RecordWaitsAsync(2, "8", "P-3");
        await groups.RefreshAsync(force: true, default);
        var refused = FailureCause.KeyOf(2, "UPDATE SKU", "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido");
        var waits = FailureCause.KeyOf(6, "WAITING PARENT", "aguardando marca 7: recusado pela VTEX (veja a falha no diagrama 02)");

        var parent = (await groups.GetGroupAsync(refused, default))!;
        (parent.HeldWaits, parent.HeldItems).Should().Be((2, 2), "brand 8 has no open failure: P-3 is held by nothing");
        (await groups.GetGroupAsync(waits, default))!.ParentCauseKey.Should().Be(refused);

        // The brand's failure changes cause (a re-queue that fails otherwise): the waits follow it to its new group.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var brand = await db.Messages.SingleAsync(m => m.Diagram == 2);
            var other = FailureCause.KeyOf(2, "UPDATE SKU", "VTEX 409 em POST /api/catalog/pvt/brand: conflito");
            brand.LastError = "VTEX 409 em POST /api/catalog/pvt/brand: conflito";
            brand.CauseKey = other;
            await db.SaveChangesAsync();
            await FailureGroupChanges.MarkAsync(db, [refused, other], default);
        }

        await groups.RefreshAsync(force: true, default);
        var moved = FailureCause.KeyOf(2, "UPDATE SKU", "VTEX 409 em POST /api/catalog/pvt/brand: conflito");
        ((await groups.GetGroupAsync(moved, default))!.HeldWaits).Should().Be(2);
        (await groups.GetGroupAsync(waits, default))!.ParentCauseKey.Should().Be(moved);

        // The brand heals: nothing is held any more, and the waits say their parent's failure is no longer open.
        await RecordAsync(2, error: null, "7");
        await groups.RefreshAsync(force: true, default);
        (await groups.GetGroupsAsync(null, default)).Should().OnlyContain(g => g.HeldWaits == 0 && g.ParentCauseKey == null);
        List<long> ids;
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            ids = await db.Messages.Where(m => m.Diagram == 6).Select(m => m.Id).ToListAsync();
        }

        (await groups.ParentFailuresAsync(ids, default)).Values.Should().HaveCount(3).And.OnlyContain(p => p.MessageId == null && p.CauseKey == null);
    }

    [Fact]
    public async Task TheHeldWaitsReads_WalkTheSmallIndexOfWaits_AndSeekTheParentsOpenFailures()
    {
        await using var db = await database.Factory.CreateDbContextAsync();

        var waits = await QueryPlan.ExplainAsync(database.ConnectionString, FailureGroupQueries.WaitsPerParentQuery(db).ToQueryString());
        var parents = await QueryPlan.ExplainAsync(
            database.ConnectionString, FailureGroupQueries.OpenFailuresOfQuery(db, "loja-a", 2, ["7", "8"]).ToQueryString());

        waits.Should().Contain("SCAN Messages USING COVERING INDEX IX_Messages_WaitsByParent");
        parents.Should().Contain("SEARCH Messages USING INDEX IX_Messages_OpenByItem (ConnectionId=? AND Diagram=? AND BusinessKey=?)");
        $"{waits} | {parents}".Should().NotContainAny("SCAN Messages |", "SCAN Messages USING INDEX", "SCAN m");
    }

    private async Task RecordWaitsAsync(int parentDiagram, string parentKey, params string[] keys)
    {
        await using var recorder = new MessageRecorder(database.Factory, time, "loja-a", 6, Guid.NewGuid(), "scheduler", batchSize: 7);
        foreach (var key in keys)
        {
            var error = $"aguardando marca {parentKey}: recusado pela VTEX (veja a falha no diagrama 02)";
            await recorder.RecordAsync(ItemResult.Fail("WAITING PARENT", key, "{}", error) with { ParentDiagram = parentDiagram, ParentKey = parentKey }, default);
        }

        await recorder.FlushAsync(default);
        time.Advance(TimeSpan.FromSeconds(1));
    }

    private async Task RecordAsync(int diagram, string? error, params string[] keys)
    {
        await using var recorder = new MessageRecorder(database.Factory, time, "loja-a", diagram, Guid.NewGuid(), "scheduler", batchSize: 7);
        foreach (var key in keys)
        {
            await recorder.RecordAsync(error is null ? ItemResult.Ok("UPDATE OK", key, "{}") : ItemResult.Fail("UPDATE SKU", key, "{}", error), default);
        }

        await recorder.FlushAsync(default);
        time.Advance(TimeSpan.FromSeconds(1));
    }

    private async Task<List<Guid>> FailedIdsAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Messages.Where(m => m.Situation == MessageSituation.Failed).OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync();
    }

    private async Task<List<string>> MarksAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return (await db.FailureGroupChanges.OrderBy(c => c.Id).Select(c => c.CauseKey).ToListAsync()).Distinct().ToList();
    }

    private async Task<Dictionary<string, (int Failures, int Items)>> FiguresAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return (await db.FailureGroups.AsNoTracking().Where(g => g.Failures > 0).ToListAsync()).ToDictionary(g => g.CauseKey, g => (g.Failures, g.Items));
    }
}
