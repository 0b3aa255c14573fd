namespace IpaasMonitor.Data.Entities;

/// <summary>
/// One unit of work handled by a diagram run (an item sent, received or failed, or the run's Count summary).
/// The grid reads only this thin row; the payload lives in <see cref="MessagePayload"/>.
/// </summary>
public sealed class IntegrationMessage
{
    /// <summary>Length of <see cref="ShortId"/>: the first 8 hex digits of <see cref="MessageId"/>.</summary>
    public const int ShortIdLength = 8;

    /// <summary>Longest <see cref="Component"/> stored.</summary>
    public const int ComponentMaxLength = 64;

    /// <summary>Longest <see cref="BusinessKey"/> stored.</summary>
    public const int BusinessKeyMaxLength = 128;

    /// <summary>Longest <see cref="CorrelationId"/> stored.</summary>
    public const int CorrelationIdMaxLength = 128;

    /// <summary>Longest <see cref="LastError"/> stored.</summary>
    public const int LastErrorMaxLength = 2000;

    /// <summary>Length of <see cref="CauseKey"/>: 16 hex digits of a hash.</summary>
    public const int CauseKeyLength = 16;

    /// <summary>Physical key: insertion order, used as the tie-breaker of the newest-first order.</summary>
    public long Id { get; set; }

    /// <summary>
    /// The public identifier (a UUID, random but for its first byte: <see cref="NewMessageId"/>). The grid shows
    /// <see cref="ShortId"/>, its first 8 hex digits, and lookups by id go through the short id's index
    /// (<c>MessageIdLookup</c>): there is no index on this column.
    /// </summary>
    public Guid MessageId { get; set; }

    public string ShortId { get; set; } = "";

    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public MessageSituation Situation { get; set; }

    /// <summary>The step where the message ended (Count, CREATE OK, UPDATE OK, GET SKU, …).</summary>
    public string Component { get; set; } = "";

    public string? BusinessKey { get; set; }

    /// <summary>
    /// Which of the two business-key indexes holds this row: <see cref="KeyTiers.Recent"/> (new rows, a small index)
    /// or <see cref="KeyTiers.Settled"/> (moved there in key order by <c>BusinessKeyIndexMerge</c>). See ADR-013.
    /// </summary>
    public int KeyTier { get; set; }

    public string? CorrelationId { get; set; }

    public Guid? RunId { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public int AttemptCount { get; set; }

    /// <summary>Short, human error of the last failed attempt.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// The failure's normalized cause (<c>FailureCause.KeyOf</c>: diagram, component and the error text without ids,
    /// numbers and keys), set when a failure is recorded; the failure groups of <c>/falhas</c> are read by it (ADR-017).
    /// </summary>
    public string? CauseKey { get; set; }

    /// <summary>
    /// A wait on a failed parent (component <c>WAITING PARENT</c>): the diagram that sends the parent, whose failure holds
    /// this wait; with <see cref="ParentKey"/> and this message's connection it names the parent's item, whose open failure
    /// (and so its failure group) is looked up when read, so the reference stays right when that failure changes cause or
    /// heals (ADR-017 amendment 3). Null for any other message.
    /// </summary>
    public int? ParentDiagram { get; set; }

    /// <summary>The parent's business key (its ERP key), with <see cref="ParentDiagram"/>; null for any other message.</summary>
    public string? ParentKey { get; set; }

    /// <summary>The message whose processing resolved this failure (<see cref="MessageSituation.Resolved"/>).</summary>
    public Guid? ResolvedByMessageId { get; set; }

    /// <summary>When this failure was resolved.</summary>
    public DateTime? ResolvedAtUtc { get; set; }

    /// <summary>
    /// Who asked for the pending re-queue (set with <see cref="MessageSituation.Requeued"/>): the job, the sweeper and
    /// a bulk re-queue resumed after a restart record the attempt in that name.
    /// </summary>
    public string? RequeuedBy { get; set; }

    public MessagePayload? Payload { get; set; }

    public List<MessageAttempt> Attempts { get; set; } = [];

    public static string ShortIdOf(Guid messageId) => messageId.ToString("N")[..ShortIdLength];

    /// <summary>
    /// A new message id: 122 random bits as in a version-4 UUID, except that the first byte is the hour it was made in
    /// (hours since the Unix epoch, modulo 256) and the version says 8 (RFC 9562's custom layout). The short id (the first
    /// 8 hex digits, which the grid shows and searches by prefix) keeps 24 random bits after the hour byte, and the
    /// messages of one hour land together in the short id's index instead of on a random page of it each: with random
    /// ids that index halved the recording rate of a one-million-message store (ADR-011).
    /// </summary>
    public static Guid NewMessageId(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[0] = (byte)(now.ToUnixTimeSeconds() / 3600);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
