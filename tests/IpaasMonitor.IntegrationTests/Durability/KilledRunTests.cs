using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.IntegrationTests.Durability;

/// <summary>
/// A run killed right after its last hub-state change (ADR-027): the diagram runs to its end, then its recorder is
/// abandoned as a kill -9 leaves it, never flushed nor disposed (its one-second timer runs on a fake clock that never
/// moves, so only what the run committed reaches the store: the store then holds exactly what a killed process leaves
/// behind). After a restart on the same store, every record the hub stored, sent or refused has its message.
/// </summary>
public abstract class KilledRunTests(DatabaseProvider provider)
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Sandbox:ReferenceCount"] = "12" };

    [Fact]
    public async Task KilledAfterItsLastStateChange_EveryRecordTheHubMovedHasItsMessage()
    {
        var database = provider == DatabaseProvider.PostgreSql
            ? PostgreSqlTestServer.CreateDatabase("ipaas_killed")
            : Path.Combine(Path.GetTempPath(), $"ipaas-killed-{Guid.NewGuid():N}.db");
        try
        {
            Guid read, sent;
            await using (var first = new IpaasMonitorApp(database, scheduling: false, extra: Settings, provider: provider))
            {
                _ = first.Services;
                read = await RunThenKillAsync(first, 1); // brands ERP → Hub: records stored, watermark moved
                sent = await RunThenKillAsync(first, 2); // brands Hub → VTEX: records marked sent or refused
            }

            await using var second = new IpaasMonitorApp(database, scheduling: false, extra: Settings, provider: provider);
            _ = second.Services;
            var brands = await second.DbAsync(db => db.HubRecords.AsNoTracking()
                .Where(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Brand).ToListAsync());
            var readMessages = await second.DbAsync(db => db.Messages.AsNoTracking().Where(m => m.RunId == read).ToListAsync());
            var sentMessages = await second.DbAsync(db => db.Messages.AsNoTracking().Where(m => m.RunId == sent).ToListAsync());

            brands.Should().HaveCountGreaterThan(3);
            readMessages.Where(m => m.Component == MessageComponents.Stored).Select(m => m.BusinessKey)
                .Should().BeEquivalentTo(brands.Select(b => b.ErpKey), "every record the killed read stored has its 'stored' message");
            var accepted = brands.Where(b => b.SentHash == b.ContentHash).Select(b => b.ErpKey).ToList();
            var refused = brands.Where(b => b.FailedHash == b.ContentHash).Select(b => b.ErpKey).ToList();
            accepted.Should().NotBeEmpty();
            refused.Should().NotBeEmpty("the sandbox's ERP has a brand whose name VTEX refuses");
            sentMessages.Where(m => m.Situation == MessageSituation.Processed).Select(m => m.BusinessKey)
                .Should().BeEquivalentTo(accepted, "every record marked sent has its message");
            sentMessages.Where(m => m.Situation == MessageSituation.Failed).Select(m => m.BusinessKey)
                .Should().BeEquivalentTo(refused, "every record marked refused has its failure");
        }
        finally
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                await PostgreSqlTestServer.DropDatabaseAsync(database);
            }
        }
    }

    // The run's work as DiagramRunner does it (the recorder current for the run's state writes), without the end of the
    // run: no flush, no dispose, no Count message. The recorder is left to the garbage collector with what it holds.
    private static async Task<Guid> RunThenKillAsync(IpaasMonitorApp app, int diagram)
    {
        var services = app.Services;
        var connection = services.GetRequiredService<IOptions<IpaasMonitorOptions>>().Value.Connections.Single(c => c.Id == IpaasMonitorApp.FirstConnection);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runId = Guid.NewGuid();
        var recorder = new MessageRecorder(services.GetRequiredService<IDbContextFactory<IpaasDbContext>>(), clock, connection.Id, diagram, runId, "test");
        using (recorder.Use())
        {
            var context = new DiagramContext(connection, DiagramCatalog.Get(diagram), runId, "test", recorder, clock, NullLogger.Instance);
            await services.GetRequiredService<DiagramRegistry>().Get(diagram).RunAsync(context, CancellationToken.None);
        }

        return runId;
    }

    /// <summary>On the embedded default's SQLite (the writer of ADR-011).</summary>
    public sealed class OnSqlite() : KilledRunTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL (the EF path of the recorder).</summary>
    public sealed class OnPostgreSql() : KilledRunTests(DatabaseProvider.PostgreSql);
}
