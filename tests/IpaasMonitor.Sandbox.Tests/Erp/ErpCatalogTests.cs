using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpaasMonitor.Sandbox.Erp;

namespace IpaasMonitor.Sandbox.Tests.Erp;

public sealed class ErpCatalogTests : IAsyncLifetime
{
    private const string Product = "api/totvsmoda/product/v2/";
    private TestSandbox sandbox = null!;
    private HttpClient erp = null!;

    private ErpTenant Tenant => sandbox.State.Erp.Tenant("tenant-a");

    public async Task InitializeAsync()
    {
        sandbox = await TestSandbox.StartAsync(o => o.ReferenceCount = 60);
        erp = await sandbox.ErpAsync();
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private async Task<JsonElement> SearchAsync(string route, string body)
    {
        var response = await erp.PostAsync(Product + route, TestSandbox.Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpStatusCode> StatusAsync(string route, string body) =>
        (await erp.PostAsync(Product + route, TestSandbox.Json(body))).StatusCode;

    [Fact]
    public void DefaultSize_IsAbout500ReferencesAnd5000Skus_InTwoBranches()
    {
        var state = new SandboxState(new SandboxOptions { Faults = [] });
        var tenant = state.Erp.Tenant("tenant-a");

        tenant.References.Should().HaveCount(500);
        tenant.Products.Should().HaveCountGreaterThan(3_000).And.HaveCountLessThan(8_000);
        tenant.Branches.Should().Equal(1, 2);
        tenant.Balances.Should().HaveCount(tenant.Products.Count * 2);
    }

    [Fact]
    public void Seed_HasValidEans_ExceptTheDocumentedOnes_AndTheGridMatchesTheProducts()
    {
        var products = Tenant.Products;

        products.Where(p => !Ean.IsValid(p.Sku)).Select(p => p.Code - 10_000).Should().OnlyContain(n => n % 397 == 0);
        products.Select(p => p.Sku).Should().OnlyHaveUniqueItems();
        foreach (var reference in Tenant.References)
        {
            products.Count(p => p.ReferenceCode == reference.Code).Should().Be(reference.Colors.Count * reference.Sizes.Count);
        }

        Ean.IsValid("7891000315507").Should().BeTrue();
        Ean.IsValid("7891000315508").Should().BeFalse();
    }

    [Fact]
    public async Task References_ExpandAdditionalFieldsAndSimilar_OnlyWhenAsked()
    {
        var plain = await SearchAsync("references/search", """{"filter":{},"page":1,"pageSize":5}""");
        var expanded = await SearchAsync("references/search", """{"filter":{},"expand":"additionalFields,similarReferences","page":1,"pageSize":5}""");

        plain.GetProperty("totalItems").GetInt32().Should().Be(60);
        plain.GetProperty("items")[0].GetProperty("additionalFields").ValueKind.Should().Be(JsonValueKind.Null);
        var item = expanded.GetProperty("items")[0];
        item.GetProperty("additionalFields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Should().Contain("Material");
        item.GetProperty("similarReferences").ValueKind.Should().Be(JsonValueKind.Array);
        item.GetProperty("colors")[0].GetProperty("colorCode").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Categories_HaveDepartmentsAndChildren()
    {
        var result = await SearchAsync("categories/search", """{"page":1,"pageSize":100}""");

        var items = result.GetProperty("items").EnumerateArray().ToList();
        items.Should().Contain(c => c.GetProperty("parentCode").ValueKind == JsonValueKind.Null);
        items.Should().Contain(c => c.GetProperty("parentCode").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task Products_Require_OptionBranchInfoCode()
    {
        (await StatusAsync("products/search", """{"page":1,"pageSize":10}""")).Should().Be(HttpStatusCode.BadRequest);
        (await StatusAsync("products/search", """{"option":{"branchInfoCode":99},"page":1,"pageSize":10}""")).Should().Be(HttpStatusCode.BadRequest);

        var result = await SearchAsync("products/search", """{"option":{"branchInfoCode":1},"expand":"barCodes","page":1,"pageSize":10}""");

        var item = result.GetProperty("items")[0];
        var expected = Tenant.Products[0];
        item.GetProperty("productCode").GetInt32().Should().Be(expected.Code);
        item.GetProperty("productSku").GetString().Should().Be(expected.Sku);
        item.GetProperty("referenceCode").GetString().Should().Be(expected.ReferenceCode);
        item.GetProperty("sizeName").GetString().Should().Be(expected.SizeName);
        item.GetProperty("barCodes")[0].GetProperty("barCode").GetString().Should().Be(expected.Sku);
    }

    [Fact]
    public async Task ProductCodes_WithInStock_ReturnOnlyStockChangedInTheWindow()
    {
        var start = sandbox.Time.GetUtcNow();
        var product = Tenant.Products[10].Code;
        sandbox.Time.Advance(TimeSpan.FromSeconds(5));
        Tenant.SetBalance(product, 2, 77);
        var body = $$$"""{"filter":{"change":{"startDate":"{{{start:O}}}","endDate":"{{{sandbox.Time.GetUtcNow():O}}}","inStock":true}},"page":1,"pageSize":100000}""";

        var result = await SearchAsync("product-codes/search", body);
        var productOnly = await SearchAsync("product-codes/search", body.Replace("\"inStock\":true", "\"inProduct\":true", StringComparison.Ordinal));

        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("productCode").GetInt32()).Should().Equal(product);
        DateTimeOffset.Parse(result.GetProperty("items")[0].GetProperty("maxChangeFilterDate").GetString()!, CultureInfo.InvariantCulture)
            .Should().Be(sandbox.Time.GetUtcNow());
        productOnly.GetProperty("totalItems").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Balances_Require_OptionBalances_AndReturnOnlyTheAskedBranch()
    {
        (await StatusAsync("balances/search", """{"page":1,"pageSize":10}""")).Should().Be(HttpStatusCode.BadRequest);

        var result = await SearchAsync("balances/search", """{"option":{"balances":[{"branchCode":1,"stockCodeList":[1]}]},"page":1,"pageSize":5}""");

        var items = result.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(5);
        items.SelectMany(i => i.GetProperty("balances").EnumerateArray()).Should().OnlyContain(b => b.GetProperty("branchCode").GetInt32() == 1);
        items[2].GetProperty("balances")[0].GetProperty("stock").GetInt32().Should().Be(-2, "the third product has a deliberate negative stock");
    }

    [Fact]
    public async Task Prices_AndPriceTables_FollowSetPrice()
    {
        var product = Tenant.Products[20].Code;
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        Tenant.SetPrice(product, 2, 123.45m);
        var filter = $$$"""{"productCodeList":[{{{product}}}]}""";

        var prices = await SearchAsync("prices/search", $$$"""{"filter":{{{filter}}},"option":{"prices":[{"branchCode":1,"priceCodeList":[1]},{"branchCode":2,"priceCodeList":[1]}]},"page":1,"pageSize":10}""");
        var table = await SearchAsync("price-tables/search", $$$"""{"filter":{{{filter}}},"option":{"branchCodeList":[2],"priceTableCode":2},"page":1,"pageSize":10}""");

        prices.GetProperty("items")[0].GetProperty("prices").EnumerateArray()
            .Single(p => p.GetProperty("branchCode").GetInt32() == 2).GetProperty("price").GetDecimal().Should().Be(123.45m);
        table.GetProperty("items")[0].GetProperty("prices")[0].GetProperty("price").GetDecimal().Should().Be(123.45m);
        (await StatusAsync("price-tables/search", """{"option":{"branchCodeList":[1]},"page":1,"pageSize":10}""")).Should().Be(HttpStatusCode.BadRequest);
        (await StatusAsync("prices/search", """{"page":1,"pageSize":10}""")).Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StockAndPrices_KeepChanging_EveryInterval()
    {
        var start = sandbox.Time.GetUtcNow();
        sandbox.Time.Advance(TimeSpan.FromMinutes(15));
        var window = $$$"""{"startDate":"{{{start.AddTicks(1):O}}}","endDate":"{{{sandbox.Time.GetUtcNow():O}}}","inStock":true,"inPrice":true}""";

        var changed = await SearchAsync("product-codes/search", $$$"""{"filter":{"change":{{{window}}}},"page":1,"pageSize":100000}""");
        var references = await SearchAsync("references/search", $$$"""{"filter":{"change":{"startDate":"{{{start.AddTicks(1):O}}}"}},"page":1,"pageSize":100}""");

        changed.GetProperty("totalItems").GetInt32().Should().BeGreaterThan(15);
        references.GetProperty("totalItems").GetInt32().Should().BeGreaterThanOrEqualTo(1, "a new reference arrives every 15th tick");
        Tenant.References.Should().HaveCountGreaterThan(60);
    }

    [Fact]
    public async Task ProductCodes_AllowLargePages_ButOthersCapAt1000()
    {
        (await StatusAsync("product-codes/search", """{"page":1,"pageSize":100000}""")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync("products/search", """{"option":{"branchInfoCode":1},"page":1,"pageSize":1001}""")).Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void Changes_EditEveryKindOfCatalogueRecord_WithinTwelveTicks()
    {
        var categories = Tenant.Categories.ToDictionary(c => c.Code);
        var references = Tenant.References.ToDictionary(r => r.Code);
        var products = Tenant.Products.ToDictionary(p => p.Code);
        var before = sandbox.Time.GetUtcNow();
        sandbox.Time.Advance(TimeSpan.FromSeconds(5));

        Tenant.ApplyChanges(12);

        var changedCategories = Tenant.Categories.Where(c => c.ChangedAt > before).ToList();
        var changedReferences = Tenant.References.Where(r => r.ChangedAt > before).ToList();
        var changedProducts = Tenant.Products.Where(p => p.ChangedAt > before).ToList();
        changedCategories.Should().Contain(c => c.Name != categories[c.Code].Name, "a category is renamed (04 sends an update)");
        changedReferences.Should().Contain(r => r.Description != references[r.Code].Description, "a description changes (06)");
        changedReferences.Should().Contain(r => r.CategoryCode != references[r.Code].CategoryCode, "a reference moves to another category (06)");
        changedProducts.Should().Contain(
            p => p.Name != products[p.Code].Name && p.ColorName == products[p.Code].ColorName,
            "a product (SKU) is renamed on its own (10)");
        changedProducts.Should().Contain(p => p.ColorName != products[p.Code].ColorName, "a colour is renamed (12 changes the SKU specification)");
        changedProducts.Should().Contain(p => p.IsActive != products[p.Code].IsActive, "an item is deactivated or reactivated (06, 10)");
        changedReferences.Should().Contain(r => r.IsActive != references[r.Code].IsActive);
    }

    [Fact]
    public async Task PriceStockChanges_ChangeTheMainPriceAndStockOfThatManyProducts_AndTheChangeWindowsSeeThem()
    {
        var prices = Tenant.Prices.Where(p => p.BranchCode == 1).ToDictionary(p => p.ProductCode);
        var before = sandbox.Time.GetUtcNow();
        sandbox.Time.Advance(TimeSpan.FromSeconds(5));

        var response = await sandbox.Http.PostAsync(new Uri("_sandbox/erp/tenant-a/price-stock-changes?count=7", UriKind.Relative), null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var changed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").EnumerateArray().Select(c => c.GetInt32()).Distinct().ToList();
        changed.Should().NotBeEmpty();
        var priced = Tenant.Prices.Where(p => p.BranchCode == 1 && p.ChangedAt > before).Select(p => p.ProductCode).ToList();
        priced.Should().BeSubsetOf(changed).And.NotBeEmpty();
        Tenant.Prices.Where(p => priced.Contains(p.ProductCode) && p.BranchCode == 1).Should().OnlyContain(p => p.Price >= prices[p.ProductCode].Price * 0.9m - 0.01m && p.Price <= prices[p.ProductCode].Price * 1.1m + 0.01m);
        Tenant.Balances.Where(b => b.ChangedAt > before).Should().OnlyContain(b => b.BranchCode == 1 && changed.Contains(b.ProductCode)).And.NotBeEmpty();
        Tenant.Products.Where(p => p.ChangedAt > before).Should().BeEmpty("only prices and stock change, so 09 reads nothing");
        var window = $$$"""{"filter":{"change":{"startDate":"{{{before.AddSeconds(1):O}}}","endDate":"{{{sandbox.Time.GetUtcNow():O}}}","inPrice":true}},"page":1,"pageSize":1000}""";
        (await SearchAsync("product-codes/search", window)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("productCode").GetInt32())
            .Should().BeEquivalentTo(priced);
        (await sandbox.Http.PostAsync(new Uri("_sandbox/erp/nobody/price-stock-changes", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
