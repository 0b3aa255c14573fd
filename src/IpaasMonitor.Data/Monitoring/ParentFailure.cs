namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// The failed parent that holds a wait (ADR-017 amendment 3): the parent's item (the diagram that sends it and its business
/// key, on the wait's connection) and its newest open failure, with that failure's group; <see cref="MessageId"/> and
/// <see cref="CauseKey"/> are null when the parent has no open failure any more (it healed, or was discarded).
/// </summary>
public sealed record ParentFailure(int Diagram, string BusinessKey, Guid? MessageId, string? CauseKey);
