using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Faults;
using IpaasMonitor.Testing.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.IntegrationTests.Brands;

public abstract class RestartTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Restart_WithARequeuedMessage_StillProcessesIt()
    {
        // Both processes use one store: a SQLite file, or a PostgreSQL database this test creates and drops.
        var database = provider == DatabaseProvider.PostgreSql
            ? PostgreSqlTestServer.CreateDatabase("ipaas_restart")
            : Path.Combine(Path.GetTempPath(), $"ipaas-restart-{Guid.NewGuid():N}.db");
        try
        {
            await RestartAsync(database);
        }
        finally
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                await PostgreSqlTestServer.DropDatabaseAsync(database);
            }
        }
    }

    private async Task RestartAsync(string database)
    {
        Guid messageId;

        // First process: no Hangfire server, so the re-queue job it enqueues dies with it (a crash after the re-queue).
        // One send at a time (ADR-023's adaptive limit off): the injected 503 hits the first brand in page order, never the
        // long-name brand that VTEX refuses anyway (with several sends in flight it sometimes did, and nothing else failed).
        var oneSendAtATime = new Dictionary<string, string?>
        {
            ["IpaasMonitor:Concurrency:Enabled"] = "false",
            ["IpaasMonitor:Concurrency:FixedLimit"] = "1",
        };
        await using (var first = new IpaasMonitorApp(database, scheduling: false, extra: oneSendAtATime, provider: provider))
        {
            _ = first.Services;
            await first.RunAsync(1);
            first.Sandbox.State.Faults.Set(new FaultRule { Route = "vtex:POST *", FailNext = 1, FailNextStatus = 503 });
            var run = await first.RunAsync(2);
            var failed = await first.DbAsync(db => db.Messages.AsNoTracking()
                .FirstAsync(m => m.RunId == run && m.Situation == MessageSituation.Failed && m.BusinessKey != ErpTenant.InvalidLongNameCode.ToString()));
            messageId = failed.MessageId;
            await using var scope = first.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<MessageActions>().RequeueAsync(messageId, "analista", CancellationToken.None)).Should().BeTrue();
            var state = await first.DbAsync(db => db.Messages.Where(m => m.MessageId == messageId).Select(m => m.Situation).SingleAsync());
            state.Should().Be(MessageSituation.Requeued);
        }

        // Second process on the same database: the start-up sweep finds the Requeued message and processes it.
        await using var second = new IpaasMonitorApp(database, scheduling: true, provider: provider);
        _ = second.Services;
        var done = await Wait.UntilAsync(
            () => second.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Attempts).SingleAsync(m => m.MessageId == messageId)),
            m => m.Situation is MessageSituation.Processed or MessageSituation.Failed,
            what: "the message re-queued before the restart");
        done.Situation.Should().Be(MessageSituation.Processed);
        done.AttemptCount.Should().Be(2);
        done.Attempts.Single(a => a.Number == 2).TriggeredBy.Should().Be("analista", "the re-queue keeps the operator's name when the sweeper enqueues it again");
    }

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : RestartTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : RestartTests(DatabaseProvider.PostgreSql);
}
