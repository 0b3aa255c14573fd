namespace IpaasMonitor.Data.Entities;

/// <summary>
/// One normalized cause of unresolved failures (<see cref="IntegrationMessage.CauseKey"/>) with its figures, as the
/// failure groups page shows them. The figures are a summary refreshed from the store (<c>FailureGroups.RefreshAsync</c>)
/// so the page reads a few rows at any store size; the group's actions always act on the live failures (ADR-017).
/// </summary>
public sealed class FailureGroup
{
    /// <summary>Longest <see cref="Cause"/> stored: the normalized error text.</summary>
    public const int CauseMaxLength = 500;

    /// <summary>Longest <see cref="Connections"/> stored.</summary>
    public const int ConnectionsMaxLength = 256;

    /// <summary>Longest <see cref="Note"/> stored.</summary>
    public const int NoteMaxLength = 1000;

    public string CauseKey { get; set; } = "";

    public int Diagram { get; set; }

    public string Component { get; set; } = "";

    /// <summary>The error text with ids, numbers and keys taken out.</summary>
    public string Cause { get; set; } = "";

    /// <summary>Unresolved failures of this cause (0: the group is closed, kept for its note).</summary>
    public int Failures { get; set; }

    /// <summary>Distinct business keys among them.</summary>
    public int Items { get; set; }

    /// <summary>The connections they belong to, comma-separated.</summary>
    public string Connections { get; set; } = "";

    public DateTime FirstSeenUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }

    /// <summary>The newest failure of the group.</summary>
    public Guid ExampleMessageId { get; set; }

    /// <summary>Order diagrams (23–38): distinct orders held by these failures.</summary>
    public int Orders { get; set; }

    /// <summary>Order diagrams: the orders' total value in cents (from the hub's order, when known).</summary>
    public long OrdersValueCents { get; set; }

    /// <summary>
    /// Unresolved waits on a failed parent whose parent's open failure is in this group: what re-queueing (or fixing) this
    /// group unblocks (ADR-017 amendment 3).
    /// </summary>
    public int HeldWaits { get; set; }

    /// <summary>Distinct waiting items among <see cref="HeldWaits"/> (an item is a business key of one connection and diagram).</summary>
    public int HeldItems { get; set; }

    /// <summary>
    /// A group of waits: the group of the failed parents that hold most of its waits (the exact group to fix first); null
    /// for other groups, or when no parent of its waits has an open failure.
    /// </summary>
    public string? ParentCauseKey { get; set; }

    public string? Note { get; set; }

    public string? NoteBy { get; set; }

    public DateTime? NoteAtUtc { get; set; }

    public DateTime RefreshedAtUtc { get; set; }
}
