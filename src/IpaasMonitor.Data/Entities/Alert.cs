namespace IpaasMonitor.Data.Entities;

/// <summary>
/// One episode of an <see cref="AlertRule"/> for one subject (a connection, a diagram of a connection, a breaker): opened
/// when the condition starts to hold, kept open while it holds, resolved by the evaluator when it stops (ADR-022).
/// <see cref="OpenSubject"/> is the subject while open and null once resolved, and is unique per rule: two evaluators
/// can never open the same episode twice.
/// </summary>
public sealed class Alert
{
    /// <summary>Longest <see cref="Subject"/> stored.</summary>
    public const int SubjectMaxLength = 128;

    /// <summary>Longest <see cref="Summary"/> stored.</summary>
    public const int SummaryMaxLength = 2000;

    public long Id { get; set; }

    public int RuleId { get; set; }

    /// <summary>What the episode is about within its rule, e.g. <c>VA-CUSTOMIZADA</c>, <c>VA-CUSTOMIZADA/24</c>, <c>VA-CUSTOMIZADA/Vtex</c>.</summary>
    public string Subject { get; set; } = "";

    /// <summary><see cref="Subject"/> while the alert is open, null once resolved (unique per rule).</summary>
    public string? OpenSubject { get; set; }

    public string? ConnectionId { get; set; }

    /// <summary>What the evaluator saw last (counts, the oldest orders…), in the app's language.</summary>
    public string Summary { get; set; } = "";

    public DateTime OpenedAtUtc { get; set; }

    /// <summary>The last evaluation that found the condition still holding.</summary>
    public DateTime LastSeenAtUtc { get; set; }

    public DateTime? ResolvedAtUtc { get; set; }

    public DateTime? AcknowledgedAtUtc { get; set; }

    public string? AcknowledgedBy { get; set; }
}
