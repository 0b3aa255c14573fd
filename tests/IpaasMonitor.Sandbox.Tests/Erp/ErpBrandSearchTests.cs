using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpaasMonitor.Sandbox.Erp;

namespace IpaasMonitor.Sandbox.Tests.Erp;

public sealed class ErpBrandSearchTests : IAsyncLifetime
{
    private const string BrandsSearch = "api/totvsmoda/product/v2/brands/search";
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await TestSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private async Task<JsonElement> SearchAsync(string body, string tenant = "tenant-a")
    {
        var erp = await sandbox.ErpAsync(tenant);
        var response = await erp.PostAsync(BrandsSearch, TestSandbox.Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Window(DateTimeOffset start, DateTimeOffset end, int page = 1, int pageSize = 1000) =>
        $$$"""{"filter":{"change":{"startDate":"{{{start:O}}}","endDate":"{{{end:O}}}"}},"option":{},"order":"code","page":{{{page}}},"pageSize":{{{pageSize}}}}""";

    [Fact]
    public async Task Search_PagesThroughAllBrands_WithEnvelopeAndHasNext()
    {
        var codes = new List<int>();
        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await SearchAsync($$"""{"filter":{},"option":{},"order":"code","page":{{page}},"pageSize":15}""");
            pages.Add(result);
            codes.AddRange(result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetInt32()));
        }

        pages.Select(p => p.GetProperty("count").GetInt32()).Should().Equal(15, 15, 10);
        pages.Select(p => p.GetProperty("hasNext").GetBoolean()).Should().Equal(true, true, false);
        pages.Should().AllSatisfy(p =>
        {
            p.GetProperty("totalItems").GetInt32().Should().Be(40);
            p.GetProperty("totalPages").GetInt32().Should().Be(3);
        });
        codes.Should().Equal(Enumerable.Range(1, 40));
    }

    [Fact]
    public async Task Search_ReturnsItemFields_WithBrasiliaOffset()
    {
        var result = await SearchAsync("""{"filter":{"brandCodeList":[5]},"page":1,"pageSize":10}""");

        var item = result.GetProperty("items").EnumerateArray().Single();
        var expected = sandbox.State.Erp.Brands("tenant-a").Single(b => b.Code == 5);
        item.GetProperty("code").GetInt32().Should().Be(5);
        item.GetProperty("name").GetString().Should().Be(expected.Name);
        item.GetProperty("isActive").GetBoolean().Should().Be(expected.IsActive);
        var date = item.GetProperty("maxChangeFilterDate").GetString()!;
        date.Should().EndWith("-03:00");
        DateTimeOffset.Parse(date, CultureInfo.InvariantCulture).Should().Be(expected.ChangedAt);
    }

    [Fact]
    public async Task Search_FiltersByChangeWindow_WithInclusiveBounds()
    {
        var brands = sandbox.State.Erp.Brands("tenant-a").OrderBy(b => b.ChangedAt).ToList();
        var start = brands[10].ChangedAt;
        var end = brands[20].ChangedAt;
        var expected = brands.Where(b => b.ChangedAt >= start && b.ChangedAt <= end).Select(b => b.Code).Order().ToList();

        var result = await SearchAsync(Window(start, end));

        expected.Should().HaveCountGreaterThanOrEqualTo(11);
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetInt32()).Should().Equal(expected);
        result.GetProperty("totalItems").GetInt32().Should().Be(expected.Count);
    }

    [Fact]
    public async Task Search_AcceptsDatesWithoutOffset_AsBrasiliaTime()
    {
        var brand = sandbox.State.Erp.Brands("tenant-a")[3];
        var local = brand.ChangedAt.ToOffset(TimeSpan.FromHours(-3)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        var result = await SearchAsync($$$"""{"filter":{"change":{"startDate":"{{{local}}}","endDate":"{{{local}}}"},"brandCodeList":[{{{brand.Code}}}]}}""");

        result.GetProperty("totalItems").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Search_ShowsNewChanges_AfterTheChangeInterval()
    {
        var before = sandbox.Time.GetUtcNow();
        (await SearchAsync(Window(before, before.AddHours(1)))).GetProperty("totalItems").GetInt32().Should().Be(0);

        sandbox.Time.Advance(TimeSpan.FromMinutes(3));
        var result = await SearchAsync(Window(before, sandbox.Time.GetUtcNow()));

        // Three ticks, one or two brands each (a brand may change twice).
        result.GetProperty("totalItems").GetInt32().Should().BeInRange(1, 6);
        result.GetProperty("items").EnumerateArray()
            .Select(i => DateTimeOffset.Parse(i.GetProperty("maxChangeFilterDate").GetString()!, CultureInfo.InvariantCulture))
            .Should().OnlyContain(d => d > before && d <= sandbox.Time.GetUtcNow());
    }

    [Fact]
    public void UpsertBrand_WithoutTenant_ChangesEveryTenant_WithANewChangeDate()
    {
        sandbox.Time.Advance(TimeSpan.FromSeconds(10));

        sandbox.State.Erp.UpsertBrand(3, "Marca Renomeada");

        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            var brand = sandbox.State.Erp.Brands(tenant).Single(b => b.Code == 3);
            brand.Name.Should().Be("Marca Renomeada");
            brand.ChangedAt.Should().Be(sandbox.Time.GetUtcNow());
        }
    }

    [Fact]
    public async Task Search_FiltersByBrandCodeList()
    {
        var result = await SearchAsync("""{"filter":{"brandCodeList":[3,1,99]},"order":"code","page":1,"pageSize":100}""");

        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetInt32()).Should().Equal(1, 3);
    }

    [Fact]
    public async Task Search_OrdersDescending_WhenOrderHasMinus()
    {
        var result = await SearchAsync("""{"order":"-code","page":1,"pageSize":3}""");

        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetInt32()).Should().Equal(40, 39, 38);
    }

    [Fact]
    public async Task Search_Returns400WithMessages_WhenPageSizeIsAbove1000()
    {
        var erp = await sandbox.ErpAsync("tenant-a");

        var response = await erp.PostAsync(BrandsSearch, TestSandbox.Json("""{"page":1,"pageSize":1001}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("messages")[0].GetProperty("code").GetString().Should().Be("InvalidParameter");
    }

    [Fact]
    public async Task Search_Returns400AsArray_ForATenantUsingTheArrayErrorShape()
    {
        var erp = await sandbox.ErpAsync("tenant-b");

        var response = await erp.PostAsync(BrandsSearch, TestSandbox.Json("""{"page":0}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.ValueKind.Should().Be(JsonValueKind.Array);
        body[0].GetProperty("message").GetString().Should().Contain("page");
    }

    [Fact]
    public async Task Search_Returns400_WhenJsonIsMalformed()
    {
        var erp = await sandbox.ErpAsync();

        var response = await erp.PostAsync(BrandsSearch, TestSandbox.Json("""{"page":"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Search_ReturnsEmptyPage_BeyondTheLastPage()
    {
        var result = await SearchAsync("""{"page":9,"pageSize":10}""");

        result.GetProperty("count").GetInt32().Should().Be(0);
        result.GetProperty("hasNext").GetBoolean().Should().BeFalse();
        result.GetProperty("totalItems").GetInt32().Should().Be(40);
    }

    [Fact]
    public void Seed_IsDeterministic_DiffersPerTenant_AndHasTheDocumentedInvalidBrands()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestSandbox.Start);
        var one = new SandboxState(new SandboxOptions { Faults = [], TimeProvider = time });
        var two = new SandboxState(new SandboxOptions { Faults = [], TimeProvider = time });

        var a = one.Erp.Brands("tenant-a");
        a.Should().Equal(two.Erp.Brands("tenant-a"));
        a.Select(b => b.Name).Intersect(one.Erp.Brands("tenant-b").Select(b => b.Name)).Should().HaveCountLessThan(3, "each tenant has its own names (only the blank one is shared on purpose)");
        a.Single(b => b.Code == ErpTenant.InvalidLongNameCode).Name.Length.Should().BeGreaterThan(150);
        a.Single(b => b.Code == ErpTenant.InvalidBlankNameCode).Name.Trim().Should().BeEmpty();
        a.Single(b => b.Code == ErpTenant.TrailingSpaceNameCode).Name.Should().EndWith(" ");
        a.Select(b => b.Name.Trim().ToUpperInvariant()).Should().OnlyHaveUniqueItems();
    }
}
