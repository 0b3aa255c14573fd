using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>Everything the detail page shows about one message.</summary>
public sealed record MessageDetail(
    MessageRow Header,
    Guid? RunId,
    string? Payload,
    string? RemoteResponse,
    IReadOnlyList<MessageAttempt> Attempts,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyList<MessageRow> Related)
{
    /// <summary>The processed message that resolved this failure (ADR-017), when <see cref="MessageSituation.Resolved"/>.</summary>
    public Guid? ResolvedBy { get; init; }

    /// <summary>When it was resolved.</summary>
    public DateTime? ResolvedAtUtc { get; init; }

    /// <summary>The node that ran <see cref="RunId"/> (ADR-026); null for runs recorded before nodes had names.</summary>
    public string? RunNode { get; init; }
}
