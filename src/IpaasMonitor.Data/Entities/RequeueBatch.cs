namespace IpaasMonitor.Data.Entities;

/// <summary>
/// A bulk re-queue asked for by an operator: its messages (<see cref="RequeueBatchItem"/>) are re-queued on the server in
/// throttled steps by <c>RequeueBatchProcessor</c>, which resumes any unfinished batch after a restart (ADR-017).
/// </summary>
public sealed class RequeueBatch
{
    /// <summary>Longest <see cref="Description"/> stored.</summary>
    public const int DescriptionMaxLength = 500;

    /// <summary>Longest <see cref="Reason"/> stored.</summary>
    public const int ReasonMaxLength = 1000;

    /// <summary>Longest <see cref="FilterJson"/> stored.</summary>
    public const int FilterJsonMaxLength = 4000;

    public long Id { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The operator: every attempt of the batch is recorded in this name.</summary>
    public string RequestedBy { get; set; } = "";

    /// <summary>What was asked, in words (selection, group, filter).</summary>
    public string Description { get; set; } = "";

    public string? Reason { get; set; }

    /// <summary>The failure group to collect (null for a selection or a filter).</summary>
    public string? CauseKey { get; set; }

    /// <summary>The grid filter to collect, as JSON (null for a selection or a group).</summary>
    public string? FilterJson { get; set; }

    /// <summary>False until the matching failures are written as items (a group or a filter is collected on the server).</summary>
    public bool Collected { get; set; }

    public DateTime? CompletedAtUtc { get; set; }
}

/// <summary>One message of a <see cref="RequeueBatch"/> and what became of it.</summary>
public sealed class RequeueBatchItem
{
    public long BatchId { get; set; }

    /// <summary>The message's physical key (<see cref="IntegrationMessage.Id"/>).</summary>
    public long MessageRowId { get; set; }

    public RequeueItemState State { get; set; }
}

/// <summary>The states of a <see cref="RequeueBatchItem"/>. Persisted: never renumber.</summary>
public enum RequeueItemState
{
    /// <summary>Not re-queued yet.</summary>
    Pending = 0,

    /// <summary>Re-queued; its attempt has not ended.</summary>
    InFlight = 1,

    /// <summary>The attempt ended processed (or a later message resolved it meanwhile).</summary>
    Done = 2,

    /// <summary>The attempt ended failed again.</summary>
    FailedAgain = 3,

    /// <summary>Not re-queued: no longer failed (resolved, superseded, discarded, already re-queued or gone).</summary>
    Skipped = 4,

    /// <summary>
    /// Not re-queued: a wait whose parent still has an open failure (it would only wait again); re-queueing the parent's
    /// group is what unblocks it (ADR-017 amendment 3).
    /// </summary>
    HeldByParent = 5,
}
