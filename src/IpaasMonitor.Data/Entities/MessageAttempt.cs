namespace IpaasMonitor.Data.Entities;

/// <summary>One try at processing a message: when, how it ended, which step it reached, and why.</summary>
public sealed class MessageAttempt
{
    /// <summary>Longest <see cref="Component"/> stored: an attempt ends at its message's component.</summary>
    public const int ComponentMaxLength = IntegrationMessage.ComponentMaxLength;

    /// <summary>Longest <see cref="Error"/> stored: an attempt's error is its message's last error.</summary>
    public const int ErrorMaxLength = IntegrationMessage.LastErrorMaxLength;

    /// <summary>
    /// Longest <see cref="Excerpt"/> kept. The column itself has no limit (the excerpt is cut where it is written, to
    /// keep the attempt row small); the whole answer stays in <see cref="MessagePayload.RemoteResponse"/>.
    /// </summary>
    public const int ExcerptMaxLength = 4000;

    public long Id { get; set; }

    public long MessageId { get; set; }

    public int Number { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime EndedAtUtc { get; set; }

    public MessageSituation Outcome { get; set; }

    public string Component { get; set; } = "";

    public string? Error { get; set; }

    /// <summary>Request/response excerpt that explains the outcome (truncated).</summary>
    public string? Excerpt { get; set; }

    /// <summary>Who asked for it: "scheduler" for runs, the user name for re-queues.</summary>
    public string TriggeredBy { get; set; } = "scheduler";
}
