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
    IReadOnlyList<MessageRow> Related);
