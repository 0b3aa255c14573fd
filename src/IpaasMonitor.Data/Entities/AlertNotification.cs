namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The outbox of alert notifications (ADR-022): the evaluator writes one row per channel when an alert opens or
/// resolves, and the delivery job sends it, retrying with back-off. A failing channel never holds the evaluator.
/// </summary>
public sealed class AlertNotification
{
    /// <summary>Longest <see cref="Target"/> stored.</summary>
    public const int TargetMaxLength = 512;

    /// <summary>Longest <see cref="Subject"/> stored.</summary>
    public const int SubjectMaxLength = 256;

    /// <summary>Longest <see cref="LastError"/> stored.</summary>
    public const int LastErrorMaxLength = 1000;

    /// <summary>Longest enum value stored (channel, event, state).</summary>
    public const int EnumMaxLength = 16;

    public long Id { get; set; }

    public long AlertId { get; set; }

    public AlertEvent Event { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>E-mail: the recipients; webhook: the webhook's name in <c>Alerts:Webhooks</c> (never its URL).</summary>
    public string Target { get; set; } = "";

    public string Subject { get; set; } = "";

    /// <summary>The plain text sent (e-mail body; the webhook's <c>text</c>).</summary>
    public string Body { get; set; } = "";

    public NotificationState State { get; set; } = NotificationState.Pending;

    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the delivery job may try it (again).</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public string? LastError { get; set; }
}

/// <summary>What a notification tells. Stored as text.</summary>
public enum AlertEvent
{
    Opened,
    Resolved,
}

/// <summary>How a notification travels. Stored as text.</summary>
public enum NotificationChannel
{
    Email,
    Webhook,
}

/// <summary>Where a notification is. Stored as text.</summary>
public enum NotificationState
{
    /// <summary>Not sent yet (never tried, or a try failed and another is due at NextAttemptAtUtc).</summary>
    Pending,

    /// <summary>Accepted by the SMTP server or the webhook (2xx).</summary>
    Sent,

    /// <summary>Every try failed; no more tries (LastError says why).</summary>
    Failed,
}
