namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The life cycle of an integration message. Values are persisted: never renumber.
/// Received → Processing → Processed | Failed; Failed → Requeued → Processing …; Failed → Discarded;
/// Failed | Requeued → Resolved when a later message of the same item is processed (ADR-017).
/// </summary>
public enum MessageSituation
{
    Received = 0,
    Processing = 1,
    Processed = 2,
    Failed = 3,
    Requeued = 4,
    Discarded = 5,

    /// <summary>
    /// A failure healed by a later processed message of the same connection, diagram and business key
    /// (<see cref="IntegrationMessage.ResolvedByMessageId"/>). History only: never counted as an error, never re-queued.
    /// </summary>
    Resolved = 6,
}
