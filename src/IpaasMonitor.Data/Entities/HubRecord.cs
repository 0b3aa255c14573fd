namespace IpaasMonitor.Data.Entities;

/// <summary>
/// The hub's copy of one ERP entity (brand, category, product, SKU, price, stock…), one kind per diagram pair.
/// ERP→Hub diagrams upsert it by (connection, kind, ERP key) with a content hash; Hub→VTEX diagrams send
/// the records whose <see cref="ContentHash"/> differs from <see cref="SentHash"/>.
/// </summary>
public sealed class HubRecord
{
    /// <summary>Longest <see cref="WaitingFor"/> stored.</summary>
    public const int WaitingForMaxLength = 256;

    /// <summary>Longest <see cref="Kind"/> stored.</summary>
    public const int KindMaxLength = 32;

    /// <summary>Longest <see cref="ErpKey"/> and <see cref="ParentKey"/> stored.</summary>
    public const int ErpKeyMaxLength = 128;

    /// <summary>Longest <see cref="VtexId"/> stored.</summary>
    public const int VtexIdMaxLength = 64;

    public long Id { get; set; }

    public string ConnectionId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string ErpKey { get; set; } = "";

    /// <summary>Key of the parent record (the product of a SKU, the brand of a product…), when there is one.</summary>
    public string? ParentKey { get; set; }

    /// <summary>The normalised content as JSON.</summary>
    public string Content { get; set; } = "";

    public string ContentHash { get; set; } = "";

    /// <summary>Hash of the content last accepted by VTEX; null when never sent.</summary>
    public string? SentHash { get; set; }

    /// <summary>
    /// Hash of the content VTEX last rejected for good (a 4xx other than 429). Such content is not re-sent by
    /// every run (it would fail the same way and flood the grid); it waits for a change in the ERP or an operator's
    /// re-queue. Transient failures and "waiting for parent" do not set it, so the next run retries them.
    /// </summary>
    public string? FailedHash { get; set; }

    /// <summary>
    /// Hash of the content for which a "waiting for parent" message has been written in the current waiting episode,
    /// with <see cref="WaitingFor"/> the parent and reason it named. Only a stuck parent is told (ADR-012: a parent
    /// pending in the hub is normal order, silent). While the content, the parent and the reason stay the same, later
    /// runs write no new message (one message per episode, not one per run). A send, a refusal, a parent pending again
    /// or any other outcome past the wait ends the episode and clears both. Null when the record is not told waiting.
    /// </summary>
    public string? WaitingHash { get; set; }

    /// <summary>The parent and reason the open waiting message names ("SKU 123: recusado pela VTEX (…)"…), cut to <see cref="WaitingForMaxLength"/> characters.</summary>
    public string? WaitingFor { get; set; }

    /// <summary>The id VTEX gave (or we chose) for this record.</summary>
    public string? VtexId { get; set; }

    public DateTime ErpChangedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }
}
