namespace IpaasMonitor.Data.Entities;

/// <summary>One try at processing a message: when, how it ended, which step it reached, and why.</summary>
public sealed class MessageAttempt
{
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
