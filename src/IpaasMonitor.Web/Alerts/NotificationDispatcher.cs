using Hangfire;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// The delivery job of the alert outbox (every minute, and at once after an evaluation that queued something). It sends
/// what is due, one notification at a time with a bounded wait, and records the outcome on the row: Sent, or a failed
/// try with the reason and the next try after a back-off (1, 2, 4… minutes, capped), until
/// <see cref="AlertOptions.MaxAttempts"/> tries make it Failed. The state is what /alertas shows per notification.
/// </summary>
public sealed class NotificationDispatcher(
    IDbContextFactory<IpaasDbContext> dbFactory,
    AlertEmailSender email,
    AlertWebhookSender webhooks,
    IOptionsMonitor<AlertOptions> options,
    AlertClock clock,
    ILogger<NotificationDispatcher> logger)
{
    public const string RecurringJobId = "alert-notifications";

    /// <summary>Notifications tried per run; the rest wait for the next minute.</summary>
    public const int BatchSize = 100;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [JobDisplayName("Envio de notificações de alertas")]
    [Queue(AlertsServiceCollectionExtensions.Queue)]
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.AlertNotifications
            .Where(n => n.State == NotificationState.Pending && n.NextAttemptAtUtc <= now)
            .OrderBy(n => n.NextAttemptAtUtc).ThenBy(n => n.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var notification in due)
        {
            var settings = options.CurrentValue;
            notification.Attempts++;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.SendTimeout);
                if (notification.Channel == NotificationChannel.Email)
                {
                    await email.SendAsync(AlertOutbox.Split(notification.Target), notification.Subject, notification.Body, timeout.Token);
                }
                else
                {
                    await webhooks.SendAsync(notification.Target, notification.Body, timeout.Token);
                }

                notification.State = NotificationState.Sent;
                notification.SentAtUtc = clock.UtcNow;
                notification.LastError = null;
                sent++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A failing channel is recorded on its row and retried later; the other notifications go on.
                var reason = Clip(Masked(ex is OperationCanceledException ? $"timed out after {settings.SendTimeout}" : ex.Message, settings));
                notification.LastError = reason;
                if (notification.Attempts >= settings.MaxAttempts)
                {
                    notification.State = NotificationState.Failed;
                    logger.LogError("Alert notification {NotificationId} ({Channel} {Target}) given up after {Attempts} tries: {Reason}", notification.Id, notification.Channel, notification.Target, notification.Attempts, reason);
                }
                else
                {
                    notification.NextAttemptAtUtc = clock.UtcNow + settings.RetryDelay(notification.Attempts);
                    logger.LogWarning("Alert notification {NotificationId} ({Channel} {Target}) failed, try {Attempts}; next at {NextAttempt:o}: {Reason}", notification.Id, notification.Channel, notification.Target, notification.Attempts, notification.NextAttemptAtUtc, reason);
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }

    /// <summary>A reason never carries a webhook URL (its path is the webhook's token) or the SMTP password.</summary>
    private static string Masked(string reason, AlertOptions settings)
    {
        foreach (var url in settings.Webhooks.Values.Where(u => !string.IsNullOrEmpty(u)).OrderByDescending(u => u.Length))
        {
            reason = reason.Replace(url, "***", StringComparison.OrdinalIgnoreCase);
        }

        return string.IsNullOrEmpty(settings.Smtp.Password) ? reason : reason.Replace(settings.Smtp.Password, "***", StringComparison.Ordinal);
    }

    private static string Clip(string reason) =>
        reason.Length <= AlertNotification.LastErrorMaxLength ? reason : reason[..AlertNotification.LastErrorMaxLength];
}
