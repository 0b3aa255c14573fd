namespace IpaasMonitor.Data.Entities;

/// <summary>
/// One unit of work handled by a diagram run (an item sent, received or failed, or the run's Count summary).
/// The grid reads only this thin row; the payload lives in <see cref="MessagePayload"/>.
/// </summary>
public sealed class IntegrationMessage
{
    /// <summary>Physical key: insertion order, used as the tie-breaker of the newest-first order.</summary>
    public long Id { get; set; }

    /// <summary>The public identifier (random UUID). The grid shows <see cref="ShortId"/>, its first 8 hex digits.</summary>
    public Guid MessageId { get; set; }

    public string ShortId { get; set; } = "";

    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public MessageSituation Situation { get; set; }

    /// <summary>The step where the message ended (Count, CREATE OK, UPDATE OK, GET SKU, …).</summary>
    public string Component { get; set; } = "";

    public string? BusinessKey { get; set; }

    public string? CorrelationId { get; set; }

    public Guid? RunId { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public int AttemptCount { get; set; }

    /// <summary>Short, human error of the last failed attempt.</summary>
    public string? LastError { get; set; }

    public MessagePayload? Payload { get; set; }

    public List<MessageAttempt> Attempts { get; set; } = [];

    public static string ShortIdOf(Guid messageId) => messageId.ToString("N")[..8];
}
