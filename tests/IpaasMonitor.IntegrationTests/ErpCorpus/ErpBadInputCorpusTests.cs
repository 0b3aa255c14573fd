using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Testing;
using IpaasMonitor.Testing.Http;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.ErpCorpus;

/// <summary>
/// The ERP bad-input corpus (ErpCorpus/erp-bad-input.json) against the real app: a fake TOTVS Moda server on 127.0.0.1 serves
/// each case's records or pages on the real API v2 paths (token, search envelope, paging) next to valid records, and
/// the case's diagram runs to the end. Each case names the failed messages it must give (business key and a fragment
/// of the analyst's reason) and where the watermark must stand afterwards; nothing else may fail, no reason may carry
/// technical text, the run itself completes, and the watermark never passes the run's now. Cases marked "cleaned"
/// are names stored and then sent to VTEX cleaned, with the removal noted in the send message; cases with "send"
/// fail on the VTEX side with a readable wait.
/// </summary>
public sealed class ErpBadInputCorpusTests(ErpBadInputCorpusTests.AppFixture fixture) : IClassFixture<ErpBadInputCorpusTests.AppFixture>
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<IReadOnlyList<CorpusCase>> Corpus = new(() =>
        JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ErpCorpus", "erp-bad-input.json")), Json)!);

    /// <summary>Technical text that must stay in the message detail, never in a grid reason.</summary>
    private static readonly string[] NeverInAReason = ["System.", "Path: $", "   at ", "Exception", "JSON value could not", "LineNumber"];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Corpus.Value)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Fact]
    public void TheCorpus_HasAtLeastFortyDistinctCases() =>
        Corpus.Value.Select(c => c.Name).Distinct().Should().HaveCount(Corpus.Value.Count).And.HaveCountGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedErpInput_EndsAsItsReadableFailures_WithTheWatermarkInPlace(string name)
    {
        var corpusCase = Corpus.Value.Single(c => c.Name == name);
        var diagram = AppFixture.DiagramOf(corpusCase.Search);
        fixture.Serve(corpusCase);
        await fixture.ResetWatermarkAsync(diagram);

        var messages = await fixture.RunAsync(diagram);
        var after = DateTime.UtcNow;

        messages.Where(m => m.Component == DiagramRunner.CountComponent).Should().ContainSingle()
            .Which.Situation.Should().Be(MessageSituation.Processed, "a bad record or page never fails the run");
        var failed = messages.Where(m => m.Situation == MessageSituation.Failed).ToList();
        failed.Should().HaveCount(corpusCase.Failures.Count, "each expected failure is one message and nothing else fails: {0}", string.Join(" | ", failed.Select(f => $"{f.BusinessKey}: {f.LastError}")));
        foreach (var expected in corpusCase.Failures)
        {
            failed.Should().ContainSingle(f => f.BusinessKey == expected.Key, "the failure of {0}", expected.Key)
                .Which.LastError.Should().Contain(expected.Reason);
        }

        foreach (var message in failed)
        {
            message.LastError.Should().NotContainAny(NeverInAReason);
        }

        var watermark = await fixture.WatermarkAsync(diagram);
        if (corpusCase.Watermark == "unchanged")
        {
            watermark.Should().BeNull("a page that could not be used keeps the window open for the next run");
        }
        else
        {
            watermark.Should().Be(AppFixture.GoodChangeUtc, "the watermark moves to the newest valid change, never to a future one");
        }

        if (watermark is { } mark)
        {
            mark.Should().BeOnOrBefore(after, "a watermark never passes the run's now");
        }

        if (corpusCase.Cleaned is { } cleaned)
        {
            var sent = (await fixture.RunAsync(cleaned.Send)).Where(m => m.BusinessKey == cleaned.Key).ToList();
            var message = sent.Should().ContainSingle().Which;
            message.Situation.Should().Be(MessageSituation.Processed);
            using var payload = JsonDocument.Parse(message.Payload!.Content);
            payload.RootElement.GetProperty("nota").GetString().Should().Contain("Nome limpo antes do envio à VTEX").And.Contain(cleaned.Removed);
            payload.RootElement.GetProperty("enviado").EnumerateObject().Single(p => p.NameEquals("name") || p.NameEquals("Name")).Value.GetString().Should().Be(cleaned.Sent);
        }

        if (corpusCase.Send is { } send)
        {
            var sent = await fixture.RunAsync(send.Diagram);
            sent.Should().ContainSingle(m => m.BusinessKey == send.Key && m.Situation == MessageSituation.Failed)
                .Which.LastError.Should().Contain(send.Reason);
        }
    }

    /// <summary>One case of the corpus file.</summary>
    public sealed record CorpusCase(
        string Name,
        string Search,
        IReadOnlyList<string>? Items,
        IReadOnlyList<string>? Pages,
        bool Endless,
        IReadOnlyList<ExpectedFailure> Failures,
        string Watermark,
        CleanedName? Cleaned,
        SendFailure? Send);

    public sealed record ExpectedFailure(string Key, string Reason);

    public sealed record CleanedName(string Key, int Send, string Removed, string Sent);

    public sealed record SendFailure(int Diagram, string Key, string Reason);

    /// <summary>The app over a fake TOTVS Moda server; the valid records every page is served with.</summary>
    public sealed class AppFixture : IAsyncLifetime
    {
        public const string Date = ErpBadInput.Date;

        public static readonly DateTime GoodChangeUtc = DateTimeOffset.Parse(Date, CultureInfo.InvariantCulture).UtcDateTime;

        private static readonly Dictionary<string, string[]> Good = new(StringComparer.Ordinal)
        {
            ["brands"] = [$$"""{"code":2,"name":"Marca Boa","isActive":true,"maxChangeFilterDate":"{{Date}}"}"""],
            ["categories"] = [.. ErpBadInput.Good["categories"]],
            ["references"] = [.. ErpBadInput.Good["references"]],
            ["balances"] = [.. ErpBadInput.Good["balances"]],
            ["price-tables"] = [.. ErpBadInput.Good["price-tables"]],
        };

        private FakeServer erp = null!;
        private IpaasMonitorApp app = null!;

        public static int DiagramOf(string search) => search switch
        {
            "brands" => 1,
            "categories" => 3,
            "references" => 5,
            "balances" => 13,
            "price-tables" => 19,
            _ => throw new ArgumentOutOfRangeException(nameof(search), search, "Unknown search."),
        };

        public async Task InitializeAsync()
        {
            erp = await FakeServer.StartAsync();
            erp.On("POST", "/api/totvsmoda/authorization/v2/token", FakeResponse.Json(new Dictionary<string, object>
            {
                ["access_token"] = "t",
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
            }));
            foreach (var search in Good.Keys)
            {
                Serve(new CorpusCase("good", search, [], null, false, [], "advanced", null, null));
            }

            app = new IpaasMonitorApp(extra: new Dictionary<string, string?>
            {
                ["Sandbox:ReferenceCount"] = "12",
                ["IpaasMonitor:Connections:0:Erp:BaseAddress"] = erp.BaseAddress.ToString(),
                ["IpaasMonitor:Connections:0:Erp:MaxPages"] = "20",
            });
            _ = app.Services;

            // The categories the references point to are in the hub before any case runs.
            (await app.RunAsync(3)).Should().NotBeNull();
        }

        public async Task DisposeAsync()
        {
            await app.DisposeAsync();
            await erp.DisposeAsync();
        }

        /// <summary>Programs the case's search path: its items next to the valid ones, its pages, or pages without end.</summary>
        public void Serve(CorpusCase corpusCase)
        {
            ArgumentNullException.ThrowIfNull(corpusCase);
            var items = Good[corpusCase.Search].Concat(corpusCase.Items ?? []).ToList();
            erp.On("POST", $"/api/totvsmoda/product/v2/{corpusCase.Search}/search", request =>
            {
                var page = JsonDocument.Parse(request.Body).RootElement.GetProperty("page").GetInt32();
                if (corpusCase.Endless)
                {
                    var code = 1000 + page;
                    return FakeResponse.Raw(Envelope([$$"""{"code":{{code}},"name":"Marca {{code}}","isActive":true,"maxChangeFilterDate":"{{Date}}"}"""], hasNext: true, totalPages: 0));
                }

                if (corpusCase.Pages is { Count: > 0 } pages)
                {
                    var repeats = pages.Count == 1 && pages[0].Contains("\"hasNext\":true", StringComparison.Ordinal);
                    return page <= pages.Count ? FakeResponse.Raw(pages[page - 1])
                        : repeats ? FakeResponse.Raw(pages[^1])
                        : FakeResponse.Raw(Envelope([], hasNext: false, totalPages: 0));
                }

                return FakeResponse.Raw(page == 1 ? Envelope(items, hasNext: false, totalPages: 1) : Envelope([], hasNext: false, totalPages: 1));
            });
        }

        public Task ResetWatermarkAsync(int diagram) =>
            app.DbAsync(db => db.Watermarks.Where(w => w.ConnectionId == IpaasMonitorApp.FirstConnection && w.Diagram == diagram).ExecuteDeleteAsync());

        public Task<DateTime?> WatermarkAsync(int diagram) =>
            app.DbAsync(db => db.Watermarks.AsNoTracking()
                .Where(w => w.ConnectionId == IpaasMonitorApp.FirstConnection && w.Diagram == diagram)
                .Select(w => (DateTime?)w.ValueUtc)
                .SingleOrDefaultAsync());

        /// <summary>Runs one diagram to the end and returns the messages it wrote.</summary>
        public async Task<List<IntegrationMessage>> RunAsync(int diagram)
        {
            var run = await app.RunAsync(diagram);
            run.Should().NotBeNull($"diagram {diagram} should run");
            return await app.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Payload).Where(m => m.RunId == run).ToListAsync());
        }

        private static string Envelope(IReadOnlyList<string> items, bool hasNext, int totalPages) =>
            $$"""{"count":{{items.Count}},"totalPages":{{totalPages}},"hasNext":{{(hasNext ? "true" : "false")}},"totalItems":{{items.Count}},"items":[{{string.Join(",", items)}}]}""";
    }
}
