namespace IpaasMonitor.Connectors;

/// <summary>How a failed call should be handled by the caller and shown to the operator.</summary>
public enum ConnectorErrorKind
{
    /// <summary>5xx, 408, 423, 429, timeouts, connection failures, open circuit: worth re-queueing later (retries already ran).</summary>
    Transient,

    /// <summary>Other 4xx and unreadable responses: the request or data must change; retrying as-is will fail again.</summary>
    Permanent,

    /// <summary>401/403 and credential problems: wrong key, token refused, module not licensed. Needs an administrator.</summary>
    Configuration,
}
