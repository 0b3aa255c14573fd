namespace IpaasMonitor.Testing.Http;

/// <summary>A request as <see cref="FakeServer"/> received it.</summary>
/// <param name="Elapsed">Arrival time since the server started (monotonic clock, server side).</param>
public sealed record RecordedRequest(
    int Sequence,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    TimeSpan Elapsed)
{
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Query parameters (last value wins).</summary>
    public IReadOnlyDictionary<string, string> Query =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(QueryString)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
}
