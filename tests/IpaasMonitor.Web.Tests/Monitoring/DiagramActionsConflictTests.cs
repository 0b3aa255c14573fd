using IpaasMonitor.Connectors;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Security;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Monitoring;

/// <summary>
/// <see cref="DiagramActions.SetEnabledAsync"/> when its first insert of a diagram's setting races another one, on the
/// real SQLite test database: only a key conflict means "someone inserted the row meanwhile".
/// </summary>
public sealed class DiagramActionsConflictTests : MonitorTestContext
{
    private const string Connection = "LOJA-A";
    private const int SqliteReadOnly = 8;
    private readonly BeforeFirstSave beforeSave = new();
    private int diagram;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.Configure<IpaasMonitorOptions>(o => o.Connections.Add(new ConnectionOptions
        {
            Id = Connection,
            Erp = new ErpOptions { BaseAddress = "https://erp.invalid/", ClientId = "c", ClientSecret = "s", Username = "u", Password = "p" },
            Vtex = new VtexOptions { Account = "loja", BaseAddress = "https://loja.invalid/", AppKey = "k", AppToken = "t" },
        }));

        // The same database file, through contexts that run the race just before their save.
        var options = new DbContextOptionsBuilder<IpaasDbContext>();
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, Database.ConnectionString);
        options.AddInterceptors(beforeSave);
        Services.AddSingleton<IDbContextFactory<IpaasDbContext>>(new RacingFactory(options.Options));
        diagram = DiagramCatalog.All[0].Number;
    }

    [Fact]
    public async Task Disable_WhenAnotherOperatorInsertedTheSettingMeanwhile_UpdatesTheirRow()
    {
        beforeSave.Run(async ct =>
        {
            await using var other = await Database.Factory.CreateDbContextAsync(ct);
            other.DiagramSettings.Add(new DiagramSetting { ConnectionId = Connection, Diagram = diagram, Enabled = true, UpdatedAtUtc = Now.AddMinutes(-1) });
            await other.SaveChangesAsync(ct);
        });

        await Services.GetRequiredService<DiagramActions>().SetEnabledAsync("operador@teste", Connection, diagram, false, CancellationToken.None);

        beforeSave.HasRun.Should().BeTrue();
        var setting = await WithDbAsync(db => db.DiagramSettings.SingleAsync());
        setting.Enabled.Should().BeFalse("the conflict is resolved by updating the row the other operator inserted");
        setting.UpdatedAtUtc.Should().Be(Now);
        (await WithDbAsync(db => db.Audit.SingleAsync())).Action.Should().Be(AuditLog.DiagramDisabled);
    }

    [Fact]
    public async Task Disable_WhenTheDatabaseCannotWrite_Throws_AndAuditsNothing()
    {
        beforeSave.Run(ct => Task.CompletedTask, readOnly: true);

        var disable = () => Services.GetRequiredService<DiagramActions>().SetEnabledAsync("operador@teste", Connection, diagram, false, CancellationToken.None);

        (await disable.Should().ThrowAsync<DbUpdateException>("a database that cannot write must not read as 'someone inserted it meanwhile'"))
            .WithInnerException<SqliteException>().Which.SqliteErrorCode.Should().Be(SqliteReadOnly);
        beforeSave.HasRun.Should().BeTrue();
        SqliteConnection.ClearAllPools(); // the read-only connection goes back to the pool: read through a fresh one
        (await WithDbAsync(db => db.DiagramSettings.CountAsync())).Should().Be(0);
        (await WithDbAsync(db => db.Audit.CountAsync())).Should().Be(0);
    }

    private sealed class RacingFactory(DbContextOptions<IpaasDbContext> options) : IDbContextFactory<IpaasDbContext>
    {
        public IpaasDbContext CreateDbContext() => new(options);
    }

    /// <summary>Runs an action once, just before the next SaveChanges of a context of the factory.</summary>
    private sealed class BeforeFirstSave : SaveChangesInterceptor
    {
        private Func<CancellationToken, Task>? action;
        private bool makeReadOnly;

        public bool HasRun { get; private set; }

        public void Run(Func<CancellationToken, Task> next, bool readOnly = false)
        {
            makeReadOnly = readOnly;
            action = next;
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref action, null) is { } run && eventData.Context is { } context)
            {
                await run(cancellationToken);
                if (makeReadOnly)
                {
                    // The context's own connection stops accepting writes (SQLITE_READONLY): a real failure, no key conflict.
                    await context.Database.OpenConnectionAsync(cancellationToken);
                    await context.Database.ExecuteSqlRawAsync("PRAGMA query_only = ON", cancellationToken);
                }

                HasRun = true;
            }

            return result;
        }
    }
}
