using System.Text;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// Writes the notifications of an alert's opening or resolution into the outbox (<see cref="AlertNotification"/>), one
/// row per channel of the rule: one for its e-mail recipients (when SMTP is configured) and one per webhook name. The
/// text is rendered here, once, so a retry sends exactly what the first try sent.
/// </summary>
public sealed class AlertOutbox(IOptionsMonitor<AlertOptions> options, AlertText text)
{
    /// <summary>Orders listed in a digest's text (the rest are counted; /alertas lists them all).</summary>
    public const int DigestLines = 50;

    private static readonly char[] Separators = [',', ';', ' ', '\n', '\r', '\t'];

    /// <summary>The recipients or names of a rule's channel field, trimmed, without duplicates.</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        [.. (list ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Adds the notifications to <paramref name="db"/> (saved by the caller with the alert); returns how many.</summary>
    public int Add(IpaasDbContext db, AlertRule rule, Alert alert, AlertEvent alertEvent, string? link, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(alert);
        var (subject, body) = Render(rule, alert, alertEvent, link, options.CurrentValue.PublicBaseUrl, nowUtc);
        return AddChannels(db, rule, alert, alertEvent, subject, body, nowUtc);
    }

    /// <summary>
    /// Adds one digest per channel for the episodes of an order rule and one connection that one evaluation opened (or
    /// resolved): one e-mail and one post listing every order (up to <see cref="DigestLines"/>), however many orders
    /// stalled at once. The digest is attached to the first episode (lowest id); /alertas finds it from the others by
    /// rule, connection and evaluation time. Returns how many notifications were added.
    /// </summary>
    public int AddDigest(IpaasDbContext db, AlertRule rule, string connectionId, IReadOnlyList<Alert> alerts, AlertEvent alertEvent, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return 0;
        }

        var ordered = alerts.OrderBy(a => a.Id).ToList();
        var settings = options.CurrentValue;
        var what = alertEvent == AlertEvent.Opened ? text["AlertText.Opened"] : text["AlertText.Resolved"];
        var subject = $"[IpaasMonitor] {what}: {rule.Name} — {text["AlertText.DigestSubject", ordered.Count, connectionId]}";
        var body = new StringBuilder()
            .AppendLine(subject)
            .AppendLine()
            .AppendLine(text[alertEvent == AlertEvent.Opened ? "AlertText.DigestOpened" : "AlertText.DigestResolved", ordered.Count, connectionId]);
        foreach (var alert in ordered.Take(DigestLines))
        {
            body.AppendLine("- " + alert.Summary);
        }

        if (ordered.Count > DigestLines)
        {
            body.AppendLine(text["AlertText.DigestMore", ordered.Count - DigestLines]);
        }

        body.AppendLine().AppendLine(text[alertEvent == AlertEvent.Opened ? "AlertText.OpenedAt" : "AlertText.ResolvedAt", AlertText.Time(nowUtc)]);
        if (!string.IsNullOrWhiteSpace(settings.PublicBaseUrl))
        {
            var root = settings.PublicBaseUrl.TrimEnd('/') + "/";
            body.AppendLine(root + "alertas");
            if (alertEvent == AlertEvent.Opened)
            {
                body.AppendLine(root + $"pedidos?conexao={Uri.EscapeDataString(connectionId)}&parados=1");
            }
        }

        return AddChannels(db, rule, ordered[0], alertEvent, Cut(subject, AlertNotification.SubjectMaxLength), body.ToString().TrimEnd(), nowUtc);
    }

    /// <summary>The subject line and the plain-text body, e.g. "[IpaasMonitor] Alerta aberto: Pedido sem ERP — VA-CUSTOMIZADA".</summary>
    public (string Subject, string Body) Render(AlertRule rule, Alert alert, AlertEvent alertEvent, string? link, string? baseUrl, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(alert);
        var what = alertEvent == AlertEvent.Opened ? text["AlertText.Opened"] : text["AlertText.Resolved"];
        var subject = $"[IpaasMonitor] {what}: {rule.Name} — {alert.Subject}";
        var body = new StringBuilder()
            .AppendLine(subject)
            .AppendLine()
            .AppendLine(alert.Summary)
            .AppendLine()
            .AppendLine(text["AlertText.OpenedAt", AlertText.Time(alert.OpenedAtUtc)]);
        if (alertEvent == AlertEvent.Resolved)
        {
            body.AppendLine(text["AlertText.ResolvedAt", AlertText.Time(alert.ResolvedAtUtc ?? nowUtc)]);
        }

        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            var root = baseUrl.TrimEnd('/') + "/";
            body.AppendLine(root + "alertas");
            if (link is not null && alertEvent == AlertEvent.Opened)
            {
                body.AppendLine(root + link);
            }
        }

        return (Cut(subject, AlertNotification.SubjectMaxLength), body.ToString().TrimEnd());
    }

    private static int AddChannels(IpaasDbContext db, AlertRule rule, Alert alert, AlertEvent alertEvent, string subject, string body, DateTime nowUtc)
    {
        var count = 0;
        var recipients = Split(rule.EmailTo);
        if (recipients.Count > 0)
        {
            db.AlertNotifications.Add(New(alert, alertEvent, NotificationChannel.Email, string.Join(", ", recipients), subject, body, nowUtc));
            count++;
        }

        foreach (var webhook in Split(rule.Webhooks))
        {
            db.AlertNotifications.Add(New(alert, alertEvent, NotificationChannel.Webhook, webhook, subject, body, nowUtc));
            count++;
        }

        return count;
    }

    private static AlertNotification New(Alert alert, AlertEvent alertEvent, NotificationChannel channel, string target, string subject, string body, DateTime nowUtc) => new()
    {
        AlertId = alert.Id,
        Event = alertEvent,
        Channel = channel,
        Target = Cut(target, AlertNotification.TargetMaxLength),
        Subject = subject,
        Body = body,
        State = NotificationState.Pending,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
