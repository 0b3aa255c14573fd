using System.Globalization;
using System.Net;

namespace IpaasMonitor.Connectors;

/// <summary>The facts of one failed call. <see cref="ToShortMessage"/> renders the grid text.</summary>
public sealed record ConnectorFailure
{
    public required ConnectorErrorKind Kind { get; init; }

    public required ConnectorSystem System { get; init; }

    public required string ConnectionId { get; init; }

    public required string RequestMethod { get; init; }

    /// <summary>The request path relative to the system's base address (no query string).</summary>
    public required string RequestPath { get; init; }

    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Parsed remote message, or the raw body truncated.</summary>
    public string? RemoteMessage { get; init; }

    /// <summary>What went wrong when there is no HTTP status (e.g. "tempo esgotado", "circuito aberto").</summary>
    public string? Reason { get; init; }

    /// <summary>The start of the raw response body, for the detail view (never contains request secrets).</summary>
    public string? ResponseExcerpt { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>"VTEX 400 em POST brand: &lt;remote message&gt;" or "ERP tempo esgotado em POST product/brands/search".</summary>
    public string ToShortMessage()
    {
        var system = System == ConnectorSystem.Erp ? "ERP" : "VTEX";
        var what = StatusCode is { } status
            ? ((int)status).ToString(CultureInfo.InvariantCulture)
            : Reason ?? "falha";
        var text = $"{system} {what} em {RequestMethod} {ConnectorPaths.ShortLabel(RequestPath)}";
        var detail = RemoteMessage ?? (StatusCode is null ? null : Reason);
        return string.IsNullOrWhiteSpace(detail) ? text : $"{text}: {detail}";
    }

    /// <summary>401/403 → configuration; 408, 423, 429 and 5xx → transient; other 4xx → permanent.</summary>
    public static ConnectorErrorKind Classify(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => ConnectorErrorKind.Configuration,
        408 or 423 or 429 => ConnectorErrorKind.Transient,
        >= 500 => ConnectorErrorKind.Transient,
        _ => ConnectorErrorKind.Permanent,
    };
}
