using Hangfire;
using Hangfire.InMemory;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Health;
using IpaasMonitor.Connectors.Resilience;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Alerts;
using IpaasMonitor.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Web.Tests.Alerts;

/// <summary>
/// The alert services as the app registers them (AddAlerts), over a real SQLite store with the real migrations, a
/// Hangfire client on in-memory storage, two connections and a fake clock. Rules are added by each test.
/// </summary>
public sealed class AlertTestHost : IAsyncDisposable
{
    public const string ConnectionA = "LOJA-A";
    public const string ConnectionB = "LOJA-B";
    public static readonly DateTime Start = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    private readonly ServiceProvider provider;
    private readonly InMemoryStorage hangfire = new();

    private AlertTestHost(SqliteTestDatabase database, IDictionary<string, string?> settings)
    {
        Database = database;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(database.Factory);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(hangfire));
        services.AddSingleton<ConnectorCircuitBreakers>();
        services.AddSingleton<IConnectionHealth, ConnectionHealth>();
        services.Configure<IpaasMonitorOptions>(o =>
        {
            o.Connections.Add(new ConnectionOptions { Id = ConnectionA });
            o.Connections.Add(new ConnectionOptions { Id = ConnectionB });
        });
        services.AddTransient<AuditLog>();
        services.AddAlerts(configuration);
        provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Start));

    public SqliteTestDatabase Database { get; }

    public IServiceProvider Services => provider;

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static async Task<AlertTestHost> CreateAsync(IDictionary<string, string?>? settings = null) =>
        new(await SqliteTestDatabase.CreateAsync(), settings ?? new Dictionary<string, string?>());

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public async Task<AlertRule> AddRuleAsync(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Name = rule.Name.Length == 0 ? rule.Kind.ToString() : rule.Name;
        rule.UpdatedAtUtc = rule.UpdatedAtUtc == default ? Now : rule.UpdatedAtUtc;
        await Database.InsertAsync([rule]);
        return rule;
    }

    public Task<AlertEvaluation> EvaluateAsync() => Get<AlertEvaluator>().EvaluateAsync(CancellationToken.None);

    public async Task<List<Alert>> AlertsAsync()
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<List<AlertNotification>> NotificationsAsync()
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await db.AlertNotifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    public async Task ExecuteAsync(Func<IpaasDbContext, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var db = await Database.Factory.CreateDbContextAsync();
        await action(db);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        hangfire.Dispose();
        await Database.DisposeAsync();
    }
}
