namespace IpaasMonitor.Connectors.Http;

/// <summary>
/// Per-request hints read by the resilience pipeline. The one that matters is "safe to repeat": retries on
/// 5xx, timeouts and connection failures only happen for requests that may run twice without harm.
/// </summary>
public static class ConnectorRequestOptions
{
    /// <summary>Set by a client on a request whose method alone does not say whether it may be repeated.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeatKey = new("IpaasMonitor.SafeToRepeat");

    /// <summary>
    /// Marks a request as safe (or unsafe) to send again, overriding the default of its method. Use it for
    /// read-only POSTs such as TOTVS searches, and to forbid repeating a PUT that is not idempotent.
    /// </summary>
    public static HttpRequestMessage MarkSafeToRepeat(this HttpRequestMessage request, bool safe = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(SafeToRepeatKey, safe);
        return request;
    }

    /// <summary>
    /// True when the request was marked safe, or, unmarked, when its method is idempotent (GET, HEAD, OPTIONS,
    /// PUT, DELETE). POST and PATCH are unsafe unless marked. A 429 is retried regardless: it means "not processed".
    /// </summary>
    public static bool IsSafeToRepeat(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }

        if (request.Options.TryGetValue(SafeToRepeatKey, out var marked))
        {
            return marked;
        }

        var method = request.Method;
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete;
    }
}
