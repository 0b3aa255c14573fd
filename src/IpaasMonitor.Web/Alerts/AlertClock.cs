namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// The clock of the alert evaluator and the notification outbox. The app's <see cref="TimeProvider"/> also drives the
/// connectors' retries and timeouts, so a test cannot stop it; this seam lets a test move alert time alone
/// (a FakeTimeProvider) while the diagrams and the HTTP pipeline keep real time.
/// </summary>
public sealed class AlertClock(TimeProvider time)
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
}
