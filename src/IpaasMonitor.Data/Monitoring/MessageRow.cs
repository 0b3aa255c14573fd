using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>One grid row: the message's thin columns only, never the payload.</summary>
public sealed record MessageRow(
    long Id,
    Guid MessageId,
    string ShortId,
    string ConnectionId,
    int Diagram,
    MessageSituation Situation,
    string Component,
    string? BusinessKey,
    string? CorrelationId,
    DateTime ReceivedAtUtc,
    DateTime UpdatedAtUtc,
    int AttemptCount,
    string? LastError);
