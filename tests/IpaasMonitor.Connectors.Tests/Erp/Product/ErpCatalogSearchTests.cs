using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Testing.Http;

namespace IpaasMonitor.Connectors.Tests.Erp.Product;

public sealed class ErpCatalogSearchTests
{
    private static readonly ErpChangeFilter Everything = new(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow.AddMinutes(1));

    [Fact]
    public async Task CatalogueSearches_ReadEveryRecordOfTheSandbox_AcrossPages()
    {
        await using var host = await SandboxConnectorHost.StartAsync(referenceCount: 12);
        var erp = host.Factory.GetErpClient(SandboxConnectorHost.ConnectionId);
        var tenant = host.Sandbox.State.Erp.Tenant("tenant-a");

        var categories = await ToListAsync(erp.SearchCategoriesAsync(Everything));
        var references = await ToListAsync(erp.SearchReferencesAsync(Everything, expand: "additionalFields,similarReferences"));
        var codes = await ToListAsync(erp.SearchProductCodesAsync(new ErpProductChangeFilter(Everything.StartDate, Everything.EndDate, InProduct: true)));
        var products = await ToListAsync(erp.SearchProductsAsync(1, null, [.. codes.Select(c => c.Value!.ProductCode)]));
        var balances = await ToListAsync(erp.SearchBalancesAsync(2, [1], Everything));
        var prices = await ToListAsync(erp.SearchPriceTableAsync(1, [1], Everything));

        categories.Should().OnlyContain(c => c.IsValid).And.HaveCount(tenant.Categories.Count);
        categories.Should().Contain(c => c.Value!.ParentCode == null).And.Contain(c => c.Value!.ParentCode != null);
        references.Should().OnlyContain(r => r.IsValid).And.HaveCount(tenant.References.Count);
        references.Should().OnlyContain(r => r.Value!.AdditionalFields!.Count == 4, "expand=additionalFields was asked");
        references.Should().OnlyContain(r => r.Value!.SimilarReferences != null, "expand=similarReferences was asked");
        codes.Should().HaveCount(tenant.Products.Count);
        products.Should().OnlyContain(p => p.IsValid).And.HaveCount(tenant.Products.Count);
        products.Select(p => p.Value!.ProductSku).Should().OnlyContain(s => !string.IsNullOrEmpty(s));
        balances.Should().HaveCount(tenant.Products.Count).And.OnlyContain(b => b.Value!.Balances.All(x => x.BranchCode == 2));
        prices.Should().HaveCount(tenant.Products.Count).And.OnlyContain(p => p.Value!.Prices.All(x => x.BranchCode == 1));
        host.Sandbox.State.Inspect().Count("erp:POST products/search").Should().Be(1, "at most 1,000 products fit one page");
    }

    [Fact]
    public async Task SearchAll_WithSkipUnreadablePages_YieldsTheBrokenPageAsOneInvalidItem_AndReadsTheNextPage()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        var pages = new Queue<FakeResponse>(
        [
            FakeResponse.Raw("""{"count":2,"totalPages":3,"hasNext":true,"totalItems":5,"items":[{"code":1,"name":"A","maxChangeFilterDate":"2026-03-10T12:00:00-03:00"},{"code":2,"name":"B","maxChangeFilterDate":"2026-03-10T12:00:00-03:00"}]}"""),
            FakeResponse.Raw("""{"count":2,"totalPages":3,"hasNext":true,"items":[{"code":3,"""),
            FakeResponse.Raw("""{"count":1,"totalPages":3,"hasNext":false,"totalItems":5,"items":[{"code":5,"name":"E","maxChangeFilterDate":"2026-03-10T12:00:00-03:00"}]}"""),
        ]);
        host.Server.On("POST", "/" + ErpCatalogSearch.CategoriesPath, _ => pages.Dequeue());

        var items = await ToListAsync(host.Erp.SearchCategoriesAsync(Everything, skipUnreadablePages: true));

        items.Should().HaveCount(4);
        items.Where(i => i.IsValid).Select(i => i.Value!.Code).Should().Equal(1, 2, 5);
        var broken = items.Should().ContainSingle(i => !i.IsValid).Subject;
        broken.IsUnreadablePage.Should().BeTrue();
        broken.Page.Should().Be(2);
        broken.Error.Should().Contain("página 2");
    }

    [Fact]
    public async Task SearchAll_WithoutSkip_StillThrowsOnABrokenPage()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", "/" + ErpCatalogSearch.CategoriesPath, FakeResponse.Raw("{not json"));

        var act = async () => await ToListAsync(host.Erp.SearchCategoriesAsync(Everything));

        await act.Should().ThrowAsync<ErpException>().WithMessage("*página 1*");
    }

    [Fact]
    public async Task Searches_SendTheTotvsEnvelope_WithExpandAtTheRoot_AndTheRequiredOptions()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        var empty = FakeResponse.Raw("""{"count":0,"totalPages":0,"hasNext":false,"totalItems":0,"items":[]}""");
        foreach (var path in new[] { ErpCatalogSearch.ReferencesPath, ErpCatalogSearch.ProductsPath, ErpCatalogSearch.BalancesPath, ErpCatalogSearch.PriceTablesPath })
        {
            host.Server.On("POST", "/" + path, _ => empty);
        }

        await ToListAsync(host.Erp.SearchReferencesAsync(Everything, ["VES0001"], expand: "additionalFields"));
        await ToListAsync(host.Erp.SearchProductsAsync(1, null, [10001, 10002]));
        await ToListAsync(host.Erp.SearchBalancesAsync(2, [1, 4], Everything));
        await ToListAsync(host.Erp.SearchPriceTableAsync(2, [2], Everything, [10001]));

        var bodies = host.Server.Requests.Where(r => r.Path.EndsWith("/search", StringComparison.Ordinal)).Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement).ToList();
        bodies[0].GetProperty("expand").GetString().Should().Be("additionalFields");
        bodies[0].GetProperty("filter").GetProperty("referenceCodeList")[0].GetString().Should().Be("VES0001");
        bodies[1].GetProperty("option").GetProperty("branchInfoCode").GetInt32().Should().Be(1);
        bodies[1].GetProperty("filter").TryGetProperty("change", out _).Should().BeFalse("a code list needs no window");
        bodies[1].GetProperty("pageSize").GetInt32().Should().Be(1000);
        var balance = bodies[2].GetProperty("option").GetProperty("balances")[0];
        balance.GetProperty("branchCode").GetInt32().Should().Be(2);
        balance.GetProperty("stockCodeList").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(1, 4);
        bodies[2].GetProperty("filter").GetProperty("change").GetProperty("inStock").GetBoolean().Should().BeTrue();
        bodies[3].GetProperty("option").GetProperty("priceTableCode").GetInt32().Should().Be(2);
        bodies[3].GetProperty("filter").GetProperty("change").GetProperty("inPrice").GetBoolean().Should().BeTrue();
    }

    private static async Task<List<ErpItem<T>>> ToListAsync<T>(IAsyncEnumerable<ErpItem<T>> items)
    {
        var list = new List<ErpItem<T>>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
