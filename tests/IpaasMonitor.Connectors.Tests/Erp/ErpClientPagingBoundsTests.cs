using System.Text.Json;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Connectors.Tests.Erp;

/// <summary>ErpClient's paging bounds (ADR-016): a time limit, a repeated-page detector and the announced page count.</summary>
public sealed class ErpClientPagingBoundsTests
{
    private const string SearchPath = "/" + ErpBrandSearch.Path;
    private static readonly DateTimeOffset From = new(2025, 12, 9, 0, 0, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset To = new(2025, 12, 9, 23, 59, 59, TimeSpan.FromHours(-3));

    [Fact]
    public async Task AnErpThatPagesForever_IsStoppedByThePagingTimeLimit_WithAReadableReason()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        await using var host = await ConnectorTestHost.StartAsync(
            new Dictionary<string, string?> { ["IpaasMonitor:Connections:0:Erp:PagingTimeLimit"] = "00:01:00" },
            services => services.AddSingleton<TimeProvider>(clock));
        host.ServeTokens();
        host.Server.On("POST", SearchPath, request =>
        {
            // Every page is new and says there is another one.
            var page = JsonDocument.Parse(request.Body).RootElement.GetProperty("page").GetInt32();
            return FakeResponse.Json(new { count = 1, totalPages = 0, hasNext = true, totalItems = 0, items = new[] { ErpClientTokenTests.Brand(page) } });
        });

        var items = new List<ErpItem<ErpBrand>>();
        await foreach (var item in host.Erp.SearchBrandsAsync(From, To, skipUnreadablePages: true))
        {
            items.Add(item);
            clock.Advance(TimeSpan.FromSeconds(25)); // each page takes 25 seconds to handle
        }

        host.Server.RequestsTo("POST", SearchPath).Should().HaveCount(3, "the fourth page would start after the one-minute limit");
        items.Where(i => i.IsValid).Should().HaveCount(3);
        var stop = items.Last();
        stop.IsUnreadablePage.Should().BeTrue();
        stop.Page.Should().Be(4);
        stop.Error.Should().Contain("passou do limite de 00:01:00 (Erp:PagingTimeLimit)");
    }

    [Fact]
    public async Task APageRepeatedWithHasNextForever_StopsAtTheFirstRepeat_WithoutYieldingItsItemsAgain()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, FakeResponse.Json(new { count = 2, totalPages = 0, hasNext = true, totalItems = 0, items = new[] { ErpClientTokenTests.Brand(1), ErpClientTokenTests.Brand(2) } }));

        var act = async () => await host.Erp.SearchBrandsAsync(From, To).ToListAsync();

        (await act.Should().ThrowAsync<ErpException>()).Which.Message.Should().Contain("a página 2 repete a página 1");
        host.Server.RequestsTo("POST", SearchPath).Should().HaveCount(2);
    }

    [Fact]
    public async Task HasNextOnTheLastAnnouncedPage_StopsThere()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, request =>
        {
            var page = JsonDocument.Parse(request.Body).RootElement.GetProperty("page").GetInt32();
            return FakeResponse.Json(new { count = 1, totalPages = 2, hasNext = true, totalItems = 2, items = new[] { ErpClientTokenTests.Brand(page) } });
        });

        var items = await host.Erp.SearchBrandsAsync(From, To, skipUnreadablePages: true).ToListAsync();

        items.Where(i => i.IsValid).Select(i => i.Value!.Code).Should().Equal(1, 2);
        items.Last().Error.Should().Contain("a página 2 diz hasNext=true, mas o ERP anunciou totalPages=2");
    }

    [Fact]
    public async Task ARecordWithAPropertyTwice_IsRefusedAlone_WithTheFieldNamed_AndTheSerializerTextInTheDetail()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, FakeResponse.Raw("""
            { "count": 3, "totalPages": 1, "hasNext": false, "totalItems": 3, "items": [
              { "code": 1, "name": "Boa", "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00-03:00" },
              { "code": 2, "name": "Primeira", "name": "Segunda", "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00-03:00" },
              { "code": "três", "name": "Tipo errado", "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00-03:00" }
            ] }
            """));

        var page = await host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        page.Items[0].IsValid.Should().BeTrue();
        page.Items[1].Error.Should().Be("campo 'name' repetido no registro (o JSON traz a mesma propriedade mais de uma vez); esperado cada campo uma única vez.");
        page.Items[2].Error.Should().Be("campo 'code' com valor \"três\" (texto); esperado um número inteiro (ex.: 123).");
        page.Items[2].Detail.Should().Contain("System.Int32", "the serializer's text stays in the detail");
    }

    [Fact]
    public void TheErpSerializer_RefusesDuplicateProperties_Itself() =>
        ErpJson.Options.AllowDuplicateProperties.Should().BeFalse();
}
