using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Brands;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Faults;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Brands;

public abstract class BrandDiagramsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Account = "loja-a";
    // One send at a time (ADR-023's adaptive limit off): an injected 503 hits the first brand in page order, never the
    // long-name brand that VTEX refuses anyway (with several sends in flight it could, and then nothing else failed).
    private readonly IpaasMonitorApp app = new(
        extra: new Dictionary<string, string?> { ["IpaasMonitor:Concurrency:Enabled"] = "false", ["IpaasMonitor:Concurrency:FixedLimit"] = "1" },
        provider: provider);

    public Task InitializeAsync()
    {
        _ = app.Services; // starts the host: migrations, sandbox, Hangfire server
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Run01Then02_CreatesTheBrandsInVtex_AndRecordsCountAndItemMessages()
    {
        var erpBrands = app.Sandbox.State.Erp.Brands("tenant-a");

        var run1 = await app.RunAsync(1);
        var run2 = await app.RunAsync(2);

        var messages = await app.DbAsync(db => db.Messages.AsNoTracking().Where(m => m.RunId == run1 || m.RunId == run2).ToListAsync());
        var d01 = messages.Where(m => m.Diagram == 1).ToList();
        var d02 = messages.Where(m => m.Diagram == 2).ToList();

        d01.Should().ContainSingle(m => m.Component == DiagramRunner.CountComponent && m.Situation == MessageSituation.Processed);
        d01.Count(m => m.Component == MessageComponents.Stored).Should().Be(erpBrands.Count - 1, "every brand but the blank one is stored in the hub");
        d01.Should().ContainSingle(m => m.Situation == MessageSituation.Failed)
            .Which.BusinessKey.Should().Be(ErpTenant.InvalidBlankNameCode.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var created = d02.Where(m => m.Component == MessageComponents.Created).ToList();
        created.Should().HaveCount(erpBrands.Count - 2, "the blank brand never reached the hub and VTEX rejects the over-long name");
        var rejected = d02.Should().ContainSingle(m => m.Situation == MessageSituation.Failed).Subject;
        rejected.BusinessKey.Should().Be(ErpTenant.InvalidLongNameCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        rejected.LastError.Should().Contain("400");

        var vtex = app.Sandbox.State.Inspect().Vtex[Account];
        vtex.DuplicatesCreated.Should().Be(0);
        app.Sandbox.State.Vtex.Account(Account).Brands.Should().HaveCount(created.Count);
        app.Sandbox.State.Vtex.Account(Account).Brands.Should().Contain(b => b.Name == b.Name.Trim());
    }

    [Fact]
    public async Task SecondRun_CreatesNoDuplicate_AndWritesOnlyTheCountMessage()
    {
        await app.RunAsync(1);
        await app.RunAsync(2);
        var brandsAfterFirst = app.Sandbox.State.Vtex.Account(Account).Brands.Count;
        app.Sandbox.State.ResetCounters();

        var run1 = await app.RunAsync(1);
        var run2 = await app.RunAsync(2);

        var second = await app.DbAsync(db => db.Messages.AsNoTracking().Where(m => m.RunId == run1 || m.RunId == run2).ToListAsync());
        second.Should().HaveCount(2).And.OnlyContain(m => m.Component == DiagramRunner.CountComponent);
        var inspection = app.Sandbox.State.Inspect();
        inspection.Vtex[Account].DuplicatesCreated.Should().Be(0);
        inspection.Count("vtex:POST *").Should().Be(0, "nothing changed, so nothing is sent");
        app.Sandbox.State.Vtex.Account(Account).Brands.Should().HaveCount(brandsAfterFirst);
    }

    [Fact]
    public async Task InjectedFailure_FailsTheMessage_AndRequeueAfterTheFaultIsGone_EndsProcessed()
    {
        await app.RunAsync(1);
        app.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 1, FailNextStatus = 503 });
        var run = await app.RunAsync(2);

        var failed = await app.DbAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.RunId == run && m.Situation == MessageSituation.Failed && m.BusinessKey != ErpTenant.InvalidLongNameCode.ToString()));
        failed.LastError.Should().Contain("503");
        failed.Component.Should().Be("POST brand");
        app.Sandbox.State.Vtex.Account(Account).Brands.Should().NotContain(b => b.Id.ToString() == failed.BusinessKey);

        app.Sandbox.State.Faults.Clear();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var requeued = await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(failed.MessageId, "analista", CancellationToken.None);
            requeued.Should().BeTrue();
        }

        var done = await Wait.UntilAsync(
            () => app.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Attempts).SingleAsync(m => m.MessageId == failed.MessageId)),
            m => m.Situation is MessageSituation.Processed or MessageSituation.Failed,
            what: "the re-queued message to be processed");
        done.Situation.Should().Be(MessageSituation.Processed);
        done.Component.Should().Be(MessageComponents.Created);
        done.AttemptCount.Should().Be(2);
        done.Attempts.Should().HaveCount(2);
        done.Attempts.OrderBy(a => a.Number).Last().TriggeredBy.Should().Be("analista");
        app.Sandbox.State.Vtex.Account(Account).Brands.Should().ContainSingle(b => b.Id.ToString() == failed.BusinessKey);
        app.Sandbox.State.Inspect().Vtex[Account].DuplicatesCreated.Should().Be(0);

        var audit = await app.DbAsync(db => db.Audit.AsNoTracking().Where(a => a.TargetId == failed.MessageId.ToString()).ToListAsync());
        audit.Should().ContainSingle(a => a.Action == MessageActions.RequeueAction && a.UserName == "analista");
    }

    [Fact]
    public async Task EveryVtexRequest_IsValidAgainstVtexOpenApi()
    {
        await app.RunAsync(1);
        await app.RunAsync(2);
        app.Sandbox.State.Erp.Tenant("tenant-a").UpsertBrand(3, "Marca Renomeada");
        await app.RunAsync(1);
        await app.RunAsync(2);

        var journal = app.Sandbox.State.Journal.Snapshot();
        journal.Should().Contain(e => e.Method == "POST").And.Contain(e => e.Method == "PUT").And.Contain(e => e.Method == "GET");
        var contract = VtexOpenApiContract.Shared;
        var violations = journal
            .SelectMany(e => contract.Validate(e.Method, PathAndQuery(e.Path, e.Query), e.Body).Select(v => $"{e.Method} {e.Path}: {v}"))
            .ToList();
        violations.Should().BeEmpty();
    }

    private static string PathAndQuery(string path, string query) =>
        string.IsNullOrEmpty(query) || query.StartsWith('?') ? path + query : $"{path}?{query}";

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : BrandDiagramsTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : BrandDiagramsTests(DatabaseProvider.PostgreSql);
}
