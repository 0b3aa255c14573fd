using System.Text.Json;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Testing.Http;

namespace IpaasMonitor.Connectors.Tests.Erp;

public sealed class ErpClientSearchTests
{
    private const string SearchPath = "/" + ErpBrandSearch.Path;
    private static readonly DateTimeOffset From = new(2025, 12, 9, 0, 0, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset To = new(2025, 12, 9, 23, 59, 59, TimeSpan.FromHours(-3));

    [Fact]
    public async Task SearchBrandsAsync_ReadsEveryPage_WhileHasNext()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, request =>
        {
            var page = JsonDocument.Parse(request.Body).RootElement.GetProperty("page").GetInt32();
            return FakeResponse.Json(new
            {
                count = 2,
                totalPages = 3,
                hasNext = page < 3,
                totalItems = 6,
                items = new[] { ErpClientTokenTests.Brand(page * 10), ErpClientTokenTests.Brand(page * 10 + 1) },
            });
        });

        var brands = await host.Erp.SearchBrandsAsync(From, To, brandCodes: [10, 11], pageSize: 2).ToListAsync();

        brands.Select(b => b.Value!.Code).Should().Equal(10, 11, 20, 21, 30, 31);
        brands.Select(b => b.Page).Should().Equal(1, 1, 2, 2, 3, 3);
        var bodies = host.Server.RequestsTo("POST", SearchPath).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        bodies.Select(b => b.GetProperty("page").GetInt32()).Should().Equal(1, 2, 3);
        var first = bodies[0];
        first.GetProperty("pageSize").GetInt32().Should().Be(2);
        first.GetProperty("filter").GetProperty("change").GetProperty("startDate").GetString().Should().Be("2025-12-09T00:00:00-03:00");
        first.GetProperty("filter").GetProperty("change").GetProperty("endDate").GetString().Should().Be("2025-12-09T23:59:59-03:00");
        first.GetProperty("filter").GetProperty("brandCodeList").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(10, 11);
        first.TryGetProperty("option", out _).Should().BeFalse("null members are omitted");
    }

    [Fact]
    public async Task SearchAsync_ReportsMalformedItemsOneByOne()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, FakeResponse.Raw("""
            { "count": 4, "totalPages": 1, "hasNext": false, "totalItems": 4, "items": [
              { "code": 1, "name": "Boa", "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00-03:00" },
              { "code": 2, "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00-03:00" },
              { "code": "três", "name": "Tipo errado", "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00-03:00" },
              { "code": 4, "name": null, "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00" }
            ] }
            """));

        var page = await host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        page.Items.Should().HaveCount(4);
        page.Items[0].IsValid.Should().BeTrue();
        page.Items[0].Value!.Name.Should().Be("Boa");
        page.Items[1].IsValid.Should().BeFalse();
        page.Items[1].Error.Should().Contain("name");
        page.Items[1].RawJson.Should().Contain("\"code\": 2");
        page.Items[2].IsValid.Should().BeFalse();
        page.Items[2].Error.Should().Contain("campo 'code' com valor \"três\" (texto); esperado um número inteiro");
        page.Items[2].Detail.Should().Contain("$.code", "the serializer's text is kept for the detail");
        page.Items[3].IsValid.Should().BeFalse("a null name is refused for a non-nullable property");
        page.Items[3].Index.Should().Be(3);
    }

    [Fact]
    public async Task SearchAsync_ReadsDatesWithoutOffset_AsBrasiliaTime()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, FakeResponse.Raw("""
            { "count": 1, "totalPages": 1, "hasNext": false, "totalItems": 1, "items": [
              { "code": 1, "name": "Sem fuso", "isActive": true, "maxChangeFilterDate": "2025-12-09T10:00:00" } ] }
            """));

        var page = await host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        page.Items.Single().Value!.MaxChangeFilterDate.Should().Be(new DateTimeOffset(2025, 12, 9, 13, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task SearchAllAsync_ThrowsReadableError_WhenAPageIsNotJson()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, request =>
            JsonDocument.Parse(request.Body).RootElement.GetProperty("page").GetInt32() == 1
                ? FakeResponse.Json(new { count = 1, totalPages = 2, hasNext = true, totalItems = 2, items = new[] { ErpClientTokenTests.Brand(1) } })
                : FakeResponse.Raw("{ \"count\": 1, \"items\": [ { \"code\": 2, "));

        var received = new List<ErpItem<ErpBrand>>();
        var act = async () =>
        {
            await foreach (var item in host.Erp.SearchBrandsAsync(From, To))
            {
                received.Add(item);
            }
        };

        var error = (await act.Should().ThrowAsync<ErpException>()).Which;
        received.Should().ContainSingle();
        error.Kind.Should().Be(ConnectorErrorKind.Permanent);
        error.Message.Should().StartWith("ERP resposta inválida (200) em POST product/brands/search: o JSON da página 2 está incompleto ou malformado");
    }

    [Fact]
    public async Task SearchAsync_Throws_WhenEnvelopeHasNoItems()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, FakeResponse.Json(new { hasNext = false }));

        var act = () => host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        (await act.Should().ThrowAsync<ErpException>()).Which.Message.Should().Contain("sem a lista 'items'");
    }

    [Fact]
    public async Task SearchAsync_RetriesReadOnlyPost_When503ThenSuccess()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath,
            FakeResponse.StatusOnly(503),
            FakeResponse.StatusOnly(502),
            FakeResponse.Json(ErpClientTokenTests.Page(hasNext: false, ErpClientTokenTests.Brand(5))));

        var page = await host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        page.Items.Single().Value!.Code.Should().Be(5);
        host.Server.RequestsTo("POST", SearchPath).Should().HaveCount(3);
    }

    [Fact]
    public async Task SearchAsync_ThrowsTransient_WhenRetriesExhausted()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, FakeResponse.Json(new { messages = new[] { new { code = "Internal", message = "Falha no banco" } } }, 500));

        var act = () => host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        var error = (await act.Should().ThrowAsync<ErpException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Transient);
        error.Message.Should().Be("ERP 500 em POST product/brands/search: Internal: Falha no banco");
        host.Server.RequestsTo("POST", SearchPath).Should().HaveCount(4, "one attempt and three retries");
    }

    [Fact]
    public async Task SearchAsync_ThrowsPermanent_On400WithTotvsErrorArray()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", SearchPath, FakeResponse.Json(
            new[] { new { code = "parameterValueField", message = "Campo recusado", detailedMessage = "IN_USA_MARCA desligado" } }, 400));

        var act = () => host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        var error = (await act.Should().ThrowAsync<ErpException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Permanent);
        error.RemoteMessage.Should().Be("parameterValueField: Campo recusado (IN_USA_MARCA desligado)");
        host.Server.RequestsTo("POST", SearchPath).Should().HaveCount(1);
    }
}
