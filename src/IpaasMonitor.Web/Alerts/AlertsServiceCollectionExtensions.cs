using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpaasMonitor.Web.Alerts;

/// <summary>Alert rules, evaluator, outbox and channels (ADR-022). Needs AddIpaasMonitorData, AddConnectors and Hangfire.</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// The Hangfire queue of the evaluator and the delivery job, served by its own worker (<c>SchedulingExtensions</c>):
    /// when a failing system holds every diagram worker in retries, the alerts about it must still run.
    /// </summary>
    public const string Queue = "alerts";

    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AlertClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AlertText>();
        services.AddTransient<AlertConditions>();
        services.AddTransient<AlertOutbox>();
        services.AddTransient<AlertEvaluator>();
        services.AddTransient<AlertEmailSender>();
        services.AddTransient<AlertWebhookSender>();
        services.AddTransient<NotificationDispatcher>();
        services.AddTransient<AlertRuleSeeder>();
        services.AddTransient<AlertAdministration>();
        services.AddHttpClient(AlertWebhookSender.HttpClientName);
        return services;
    }

    /// <summary>The evaluator and the delivery job, every minute (with the other recurring jobs).</summary>
    public static void RegisterAlertJobs(IRecurringJobManager recurringJobs)
    {
        ArgumentNullException.ThrowIfNull(recurringJobs);
        recurringJobs.AddOrUpdate<AlertEvaluator>(AlertEvaluator.RecurringJobId, Queue, e => e.EvaluateAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<NotificationDispatcher>(NotificationDispatcher.RecurringJobId, Queue, d => d.DeliverAsync(CancellationToken.None), Cron.Minutely());
    }
}
