namespace IpaasMonitor.Data.Entities;

/// <summary>The body of a message, kept apart from the grid row so the grid query stays thin.</summary>
public sealed class MessagePayload
{
    public long MessageId { get; set; }

    /// <summary>What was read or sent (JSON).</summary>
    public string Content { get; set; } = "";

    /// <summary>The remote system's answer, kept when it explains a failure.</summary>
    public string? RemoteResponse { get; set; }
}
