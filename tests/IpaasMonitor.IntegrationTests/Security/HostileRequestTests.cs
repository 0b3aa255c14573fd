using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>
/// The hostile HTTP corpus (Security/hostile-requests.json) against the real app: each request, as its role, never
/// answers 500, a stack trace, a foreign redirect, a reflected Host or an unencoded script, and answers the status
/// class and texts its case expects. Placeholders: <c>{{guid}}</c> (a new guid) and <c>{{repeat:c:n}}</c> (c, n times).
/// </summary>
public sealed partial class HostileRequestTests(HostileRequestTests.AppFixture fixture) : IClassFixture<HostileRequestTests.AppFixture>
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<IReadOnlyList<HostileRequest>> Corpus = new(() =>
        JsonSerializer.Deserialize<List<HostileRequest>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Security", "hostile-requests.json")), Json)!);

    private static readonly string[] NeverInABody =
    [
        "   at ", ".cs:line", "Exception:", "System.InvalidOperationException", "System.NullReferenceException",
        "ipaasmonitor.auth=",
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var request in Corpus.Value)
        {
            data.Add(request.Name);
        }

        return data;
    }

    [Fact]
    public void TheCorpus_HasAtLeastFortyDistinctCases() =>
        Corpus.Value.Select(c => c.Name).Distinct().Should().HaveCount(Corpus.Value.Count).And.HaveCountGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequest_IsAnsweredSafely(string name)
    {
        var hostile = Corpus.Value.Single(c => c.Name == name);
        var client = await fixture.ClientAsync(hostile.As);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), Expand(hostile.Path));
            request.Headers.Accept.ParseAdd("text/html");
            foreach (var (header, value) in hostile.Headers ?? [])
            {
                if (header.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.Host = value;
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(header, Expand(value));
                }
            }

            if (hostile.Form is { } form)
            {
                var fields = form.ToDictionary(f => f.Key, f => Expand(f.Value));
                if (hostile.Antiforgery == "valid")
                {
                    fields["__RequestVerificationToken"] = SignIn.TokenIn(await client.GetStringAsync(new Uri(Expand(hostile.Path), UriKind.Relative)));
                }

                request.Content = new FormUrlEncodedContent(fields);
            }
            else if (hostile.Raw is { } rawBody)
            {
                request.Content = new StringContent(Expand(rawBody), Encoding.UTF8);
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(hostile.ContentType ?? "text/plain");
            }

            using var response = await client.SendAsync(request);
            var raw = await response.Content.ReadAsStringAsync();
            var body = WebUtility.HtmlDecode(raw);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString;
            var because = $"{hostile.Method} {hostile.Path} answered {status} {location}: {Excerpt(body)}";

            status.Should().BeLessThan(500, because);
            hostile.Expected.Should().Contain($"{status / 100}xx", because);
            foreach (var marker in NeverInABody)
            {
                body.Should().NotContain(marker, because);
            }

            raw.Should().NotContain("<script>alert", because); // an encoded echo is fine, markup is not

            if (location is not null)
            {
                location.Should().StartWith("/", because).And.NotStartWith("//").And.NotContain("\\").And.NotContainAny(["evil", "\r", "\n"]);
                if (hostile.Location is { } expected)
                {
                    location.Should().Be(expected, because);
                }
            }

            foreach (var text in hostile.MustContain ?? [])
            {
                body.Should().Contain(Expand(text), because);
            }

            var everything = raw + string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
            foreach (var text in hostile.MustNotContain ?? [])
            {
                everything.Should().NotContain(Expand(text), because);
            }
        }
        finally
        {
            if (hostile.As == "anonymous")
            {
                client.Dispose();
            }
        }
    }

    private static string Expand(string text) => Placeholder().Replace(text, m =>
        m.Groups["guid"].Success ? Guid.NewGuid().ToString()
        : new string(m.Groups["char"].Value[0], int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Excerpt(string body) => body.Length <= 400 ? body : body[..400] + "…";

    [GeneratedRegex(@"\{\{(?:(?<guid>guid)|repeat:(?<char>.):(?<count>\d+))\}\}")]
    private static partial Regex Placeholder();

    /// <summary>One app for the whole corpus, with one signed-in client per role (anonymous cases get a fresh client).</summary>
    public sealed class AppFixture : IAsyncLifetime
    {
        private readonly Dictionary<string, HttpClient> clients = [];

        public IpaasMonitorApp App { get; } = new(scheduling: false);

        public async Task<HttpClient> ClientAsync(string role)
        {
            if (role == "anonymous")
            {
                return SignIn.Anonymous(App);
            }

            if (!clients.TryGetValue(role, out var client))
            {
                client = await SignIn.AsAsync(App, role switch
                {
                    "viewer" => SignIn.Viewer,
                    "operator" => SignIn.Operator,
                    "admin" => SignIn.Admin,
                    _ => throw new ArgumentOutOfRangeException(nameof(role), role, "anonymous, viewer, operator or admin"),
                });
                clients[role] = client;
            }

            return client;
        }

        public Task InitializeAsync()
        {
            _ = App.Services;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }

            await App.DisposeAsync();
        }
    }

    public sealed record HostileRequest
    {
        public required string Name { get; init; }

        public required string Method { get; init; }

        public required string Path { get; init; }

        /// <summary>anonymous, viewer, operator or admin.</summary>
        public required string As { get; init; }

        /// <summary>"2xx", "3xx", "4xx", or a list of them.</summary>
        [JsonPropertyName("expect")]
        [JsonConverter(typeof(OneOrManyConverter))]
        public required IReadOnlyList<string> Expected { get; init; }

        public Dictionary<string, string>? Headers { get; init; }

        public Dictionary<string, string>? Form { get; init; }

        public string? Raw { get; init; }

        public string? ContentType { get; init; }

        /// <summary>"valid": the form gets the token of the page at the same path (fetched by the same client).</summary>
        public string? Antiforgery { get; init; }

        public string? Location { get; init; }

        public IReadOnlyList<string>? MustContain { get; init; }

        public IReadOnlyList<string>? MustNotContain { get; init; }
    }

    private sealed class OneOrManyConverter : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? [reader.GetString()!] : JsonSerializer.Deserialize<List<string>>(ref reader, options)!;

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, options);
    }
}
