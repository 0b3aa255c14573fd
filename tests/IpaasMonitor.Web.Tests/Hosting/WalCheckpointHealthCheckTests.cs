using IpaasMonitor.Data;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpaasMonitor.Web.Tests.Hosting;

/// <summary><see cref="WalCheckpointHealthCheck"/> over the real <see cref="SqliteWalCheckpointer"/> (ADR-011).</summary>
public sealed class WalCheckpointHealthCheckTests
{
    [Fact]
    public async Task AFailingBackgroundCheckpoint_IsCounted_AndShownAsDegradedHealth_NotSwallowed()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ipaas-missing-{Guid.NewGuid():N}", "store.db");
        var connectionString = $"Data Source={missing}";
        var checkpointer = SqliteWalCheckpointer.For(connectionString)!;

        checkpointer.Request();
        await checkpointer.WaitIdleAsync(default);

        checkpointer.Failures.Should().Be(1);
        checkpointer.Failing.Should().BeTrue();
        checkpointer.LastFailure.Should().Contain("unable to open");
        var services = new ServiceCollection();
        services.AddDbContextFactory<IpaasDbContext>(b => DataServiceCollectionExtensions.Configure(b, DatabaseProvider.Sqlite, connectionString));
        await using var provider = services.BuildServiceProvider();
        var health = new WalCheckpointHealthCheck(provider.GetRequiredService<IDbContextFactory<IpaasDbContext>>());
        var result = await health.CheckHealthAsync(new HealthCheckContext());
        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Contain("unable to open");

        await using var database = await SqliteTestDatabase.CreateAsync();
        (await new WalCheckpointHealthCheck(database.Factory).CheckHealthAsync(new HealthCheckContext())).Status.Should().Be(HealthStatus.Healthy);
    }
}
