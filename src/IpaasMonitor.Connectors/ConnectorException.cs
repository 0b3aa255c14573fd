using System.Net;

namespace IpaasMonitor.Connectors;

/// <summary>
/// A failed call to an external system, classified for the caller (<see cref="Kind"/>) and described for
/// the monitor grid (<see cref="Exception.Message"/> is short and human, e.g. "VTEX 400 em POST brand: Name is required").
/// </summary>
public class ConnectorException : Exception
{
    public ConnectorException(ConnectorFailure failure, Exception? innerException = null)
        : base(failure?.ToShortMessage(), innerException)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    /// <summary>Everything known about the failure.</summary>
    public ConnectorFailure Failure { get; }

    public ConnectorErrorKind Kind => Failure.Kind;

    public ConnectorSystem System => Failure.System;

    public string ConnectionId => Failure.ConnectionId;

    /// <summary>HTTP status when a response arrived; null for timeouts, connection failures and an open circuit.</summary>
    public HttpStatusCode? StatusCode => Failure.StatusCode;

    /// <summary>The message parsed from the remote error body, or the raw body (truncated) when it has no known shape.</summary>
    public string? RemoteMessage => Failure.RemoteMessage;

    public string RequestMethod => Failure.RequestMethod;

    public string RequestPath => Failure.RequestPath;

    /// <summary>The server's Retry-After, when it sent one (429/503).</summary>
    public TimeSpan? RetryAfter => Failure.RetryAfter;
}
