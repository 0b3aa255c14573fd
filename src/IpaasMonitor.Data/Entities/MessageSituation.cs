namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The life cycle of an integration message. Values are persisted: never renumber.
/// Received → Processing → Processed | Failed; Failed → Requeued → Processing …; Failed → Discarded.
/// </summary>
public enum MessageSituation
{
    Received = 0,
    Processing = 1,
    Processed = 2,
    Failed = 3,
    Requeued = 4,
    Discarded = 5,
}
