using System.Text.Json;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;
using IpaasMonitor.Testing;
using IpaasMonitor.Testing.Http;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>
/// The bad-input corpus end to end: a scripted TOTVS (real HTTP) serves every malformed record next to valid ones to
/// the real diagrams. Each malformed record ends as exactly one failed message with its reason; the valid ones are
/// stored and every run completes.
/// </summary>
public abstract class BadInputTests(DatabaseProvider provider) : IAsyncLifetime
{
    private FakeServer erp = null!;
    private IpaasMonitorApp app = null!;

    public async Task InitializeAsync()
    {
        erp = await FakeServer.StartAsync();
        erp.On("POST", "/api/totvsmoda/authorization/v2/token", FakeResponse.Json(new Dictionary<string, object>
        {
            ["access_token"] = "t",
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
        }));
        Serve("categories/search", "categories");
        Serve("references/search", "references");
        Serve("products/search", "products");
        Serve("balances/search", "balances");
        Serve("price-tables/search", "price-tables");
        erp.On("POST", "/api/totvsmoda/product/v2/product-codes/search", _ => Page(
            [.. new[] { 10001, 10002, 10003, 10004, 10005 }.Select(c => $$"""{"productCode":{{c}},"maxChangeFilterDate":"{{ErpBadInput.Date}}"}""")], 1, 1));
        app = new IpaasMonitorApp(provider: provider, extra: new Dictionary<string, string?>
        {
            ["Sandbox:ReferenceCount"] = "12",
            ["IpaasMonitor:Connections:0:Erp:BaseAddress"] = erp.BaseAddress.ToString(),
        });
        _ = app.Services;
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await erp.DisposeAsync();
    }

    [Fact]
    public async Task EveryMalformedRecord_EndsAsOneFailedMessage_WithItsReason_AndTheRestOfTheRunCompletes()
    {
        var runs = await CatalogPass.RunAsync(app, 3, 5, 9, 13, 19);

        var messages = await CatalogPass.MessagesAsync(app, runs);
        messages.Where(m => m.Component == DiagramRunner.CountComponent).Should().HaveCount(5).And.OnlyContain(m => m.Situation == MessageSituation.Processed);
        foreach (var record in ErpBadInput.Records)
        {
            var failed = messages.Where(m => m.Situation == MessageSituation.Failed && m.BusinessKey == record.Key && m.Diagram == DiagramOf(record.Search)).ToList();
            failed.Should().ContainSingle(record.Name).Which.LastError.Should().Contain(record.Reason, record.Name);
        }

        messages.Count(m => m.Situation == MessageSituation.Failed).Should().Be(ErpBadInput.Records.Count, "nothing else fails");
        var stored = messages.Where(m => m.Component == MessageComponents.Stored).Select(m => (m.Diagram, m.BusinessKey)).ToList();
        stored.Should().Contain([(3, "1"), (3, "101"), (5, "VES0001"), (9, "10001"), (13, "10001/1")]);
        var price = await app.DbAsync(db => Task.FromResult(db.HubRecords.Single(r => r.ConnectionId == IpaasMonitorApp.FirstConnection && r.Kind == HubKinds.Price && r.ErpKey == "10001")));
        price.Content.Should().Contain("99.9", "09 stored the SKU with its main price, so 19 found it unchanged");
        var watermark = await app.DbAsync(db => Task.FromResult(db.Watermarks.SingleOrDefault(w => w.ConnectionId == IpaasMonitorApp.FirstConnection && w.Diagram == 3)));
        watermark.Should().BeNull("a broken page keeps the window open, so the next run reads it again");
    }

    private static int DiagramOf(string search) => search switch
    {
        "categories" => 3,
        "references" => 5,
        "products" => 9,
        "balances" => 13,
        "price-tables" => 19,
        _ => throw new ArgumentOutOfRangeException(nameof(search)),
    };

    private void Serve(string path, string search)
    {
        var items = ErpBadInput.Good[search]
            .Concat(ErpBadInput.Records.Where(r => r.Search == search && r.Shape != ErpBadInputShape.BrokenPage).Select(r => r.Json))
            .ToList();
        var broken = ErpBadInput.Records.FirstOrDefault(r => r.Search == search && r.Shape == ErpBadInputShape.BrokenPage);
        erp.On("POST", "/api/totvsmoda/product/v2/" + path, request =>
        {
            var page = JsonDocument.Parse(request.Body).RootElement.GetProperty("page").GetInt32();
            return broken is null ? Page(items, 1, 1) : page == 1 ? Page(items, 1, 2) : FakeResponse.Raw(broken.Json);
        });
    }

    private static FakeResponse Page(IReadOnlyList<string> items, int page, int totalPages) =>
        FakeResponse.Raw($$"""{"count":{{items.Count}},"totalPages":{{totalPages}},"hasNext":{{(page < totalPages ? "true" : "false")}},"totalItems":{{items.Count}},"items":[{{string.Join(",", items)}}]}""");

    /// <summary>On the embedded default's SQLite.</summary>
    public sealed class OnSqlite() : BadInputTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL: a database of its own on the test server (ADR-020).</summary>
    public sealed class OnPostgreSql() : BadInputTests(DatabaseProvider.PostgreSql);
}
