using System.Text.Json;

namespace IpaasMonitor.Testing.Http;

/// <summary>A canned answer of <see cref="FakeServer"/>.</summary>
public sealed record FakeResponse(int Status, string? Body = null, string ContentType = "application/json")
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Extra response headers (e.g. Retry-After).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait this long before answering (to trigger client timeouts).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>JSON body serialised with web defaults (camelCase) unless <paramref name="options"/> are given.</summary>
    public static FakeResponse Json(object? value, int status = 200, JsonSerializerOptions? options = null) =>
        new(status, JsonSerializer.Serialize(value, options ?? SerializerOptions));

    /// <summary>A body sent exactly as given (also for deliberately malformed JSON).</summary>
    public static FakeResponse Raw(string body, int status = 200, string contentType = "application/json") =>
        new(status, body, contentType);

    public static FakeResponse StatusOnly(int status) => new(status);

    public FakeResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };

    public FakeResponse WithDelay(TimeSpan delay) => this with { Delay = delay };
}
