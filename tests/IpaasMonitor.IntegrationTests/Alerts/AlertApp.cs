using System.Linq.Expressions;
using Hangfire;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Alerts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.IntegrationTests.Alerts;

/// <summary>
/// The real app with the alerts' clock on a <see cref="FakeTimeProvider"/> (the diagrams and the HTTP pipeline keep real
/// time), and a helper that runs a job through the app's Hangfire server and waits for it to end.
/// </summary>
public sealed class AlertApp(FakeTimeProvider clock, IDictionary<string, string?> extra) : IpaasMonitorApp(extra: extra)
{
    public FakeTimeProvider Clock { get; } = clock;

    /// <summary>Enqueues a job on the app's Hangfire server and waits until it succeeded (fails if it failed).</summary>
    public async Task RunJobAsync<T>(Expression<Func<T, Task>> job)
    {
        var id = Services.GetRequiredService<IBackgroundJobClient>().Enqueue(job);
        var storage = Services.GetRequiredService<JobStorage>();
        var state = await Wait.UntilAsync(
            () =>
            {
                using var connection = storage.GetConnection();
                return Task.FromResult(connection.GetStateData(id)?.Name ?? "");
            },
            s => s is "Succeeded" or "Failed" or "Deleted",
            what: $"job {id} ({typeof(T).Name})");
        state.Should().Be("Succeeded", $"the {typeof(T).Name} job should succeed");
    }

    public Task EvaluateAsync() => RunJobAsync<AlertEvaluator>(e => e.EvaluateAsync(CancellationToken.None));

    public Task DeliverAsync() => RunJobAsync<NotificationDispatcher>(d => d.DeliverAsync(CancellationToken.None));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new AlertClock(Clock)));
    }
}
