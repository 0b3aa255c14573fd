using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IpaasMonitor.Sandbox.Tests.Vtex;

public sealed class VtexBrandTests : IAsyncLifetime
{
    private const string Brand = "api/catalog/pvt/brand";
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await TestSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    private static StringContent FullBrand(int id, string name) => TestSandbox.Json($$"""
        {"Id":{{id}},"Name":"{{name}}","Text":"Texto {{name}}","Keywords":"kw","SiteTitle":"{{name}}","Active":true,"MenuHome":true,"Score":5,"LinkId":"marca-{{id}}"}
        """);

    [Fact]
    public async Task Post_CreatesTheBrand_AndGetReturnsIt()
    {
        var vtex = sandbox.Vtex();

        var created = await vtex.PostAsync(Brand, FullBrand(12, "Ateliê Marina"));
        var fetched = await vtex.GetAsync($"{Brand}/12");

        created.StatusCode.Should().Be(HttpStatusCode.OK);
        fetched.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await fetched.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("Id").GetInt32().Should().Be(12);
        body.GetProperty("Name").GetString().Should().Be("Ateliê Marina");
        body.GetProperty("Text").GetString().Should().Be("Texto Ateliê Marina");
        body.GetProperty("Active").GetBoolean().Should().BeTrue();
        body.GetProperty("MenuHome").GetBoolean().Should().BeTrue();
        body.GetProperty("Score").GetInt32().Should().Be(5);
        body.GetProperty("LinkId").GetString().Should().Be("marca-12");
    }

    [Fact]
    public async Task Post_GeneratesLinkIdFromName_WhenOmitted()
    {
        var response = await sandbox.Vtex().PostAsync(Brand, TestSandbox.Json("""{"Id":3,"Name":"Ateliê Marina Moda","Active":true}"""));

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("LinkId").GetString().Should().Be("atelie-marina-moda");
    }

    [Fact]
    public async Task Put_ReplacesTheWholeBrand_ClearingOmittedFields_ButKeepsLinkId()
    {
        var vtex = sandbox.Vtex();
        await vtex.PostAsync(Brand, FullBrand(20, "Solara"));

        var put = await vtex.PutAsync($"{Brand}/20", TestSandbox.Json("""{"Id":20,"Name":"Solara Praia","LinkId":"novo-link"}"""));
        var stored = await (await vtex.GetAsync($"{Brand}/20")).Content.ReadFromJsonAsync<JsonElement>();

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("LinkId").GetString().Should().Be("novo-link");
        stored.GetProperty("Name").GetString().Should().Be("Solara Praia");
        stored.GetProperty("Text").ValueKind.Should().Be(JsonValueKind.Null);
        stored.GetProperty("Keywords").ValueKind.Should().Be(JsonValueKind.Null);
        stored.GetProperty("Score").ValueKind.Should().Be(JsonValueKind.Null);
        stored.GetProperty("Active").GetBoolean().Should().BeFalse();
        stored.GetProperty("MenuHome").GetBoolean().Should().BeFalse();
        stored.GetProperty("LinkId").GetString().Should().Be("marca-20", "VTEX's PUT does not change LinkId (known issue)");
    }

    [Fact]
    public async Task Get_Returns404_ForAnUnknownBrand()
    {
        var response = await sandbox.Vtex().GetAsync($"{Brand}/999");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_Returns404_ForAnUnknownBrand()
    {
        var response = await sandbox.Vtex().PutAsync($"{Brand}/999", FullBrand(999, "Nada"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"Id":1,"Active":true}""")]
    [InlineData("""{"Id":1,"Name":"   ","Active":true}""")]
    [InlineData("""{"Id":1,"Name":null}""")]
    [InlineData("""{"Id":1,"Name":"x","Active":"yes"}""")]
    [InlineData("""{"Id":1,"Name":""")]
    public async Task Post_Returns400_ForAnInvalidBody(string body)
    {
        var response = await sandbox.Vtex().PostAsync(Brand, TestSandbox.Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Message").GetString().Should().NotBeNullOrEmpty();
        sandbox.State.Vtex.Account("loja-a").Brands.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_Returns400_WhenNameIsLongerThanTheLimit()
    {
        var tooLong = new string('a', 151);

        var response = await sandbox.Vtex().PostAsync(Brand, FullBrand(1, tooLong));
        var atLimit = await sandbox.Vtex().PostAsync(Brand, FullBrand(2, new string('b', 150)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        atLimit.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_Returns409_WhenTheIdExists()
    {
        var vtex = sandbox.Vtex();
        await vtex.PostAsync(Brand, FullBrand(7, "Lumare"));

        var again = await vtex.PostAsync(Brand, FullBrand(7, "Outra"));

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        sandbox.State.Vtex.Account("loja-a").Brands.Single().Name.Should().Be("Lumare");
    }

    [Fact]
    public async Task Post_WithoutId_AssignsOne()
    {
        var response = await sandbox.Vtex().PostAsync(Brand, TestSandbox.Json("""{"Name":"Sem Id","Active":true}"""));

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Id").GetInt32().Should().BeGreaterThanOrEqualTo(2_000_000);
    }

    [Fact]
    public async Task Requests_Return401_WithoutKeys_AndWithAWrongToken()
    {
        using var anonymous = new HttpClient { BaseAddress = sandbox.Host.VtexBaseAddress("loja-a") };

        (await anonymous.GetAsync($"{Brand}/1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await sandbox.Vtex(appToken: "wrong").GetAsync($"{Brand}/1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Requests_Return403_WithTheKeysOfAnotherAccount()
    {
        var otherAccountKeys = SandboxOptions.DefaultVtexAccounts().Single(a => a.Name == "loja-b");

        var response = await sandbox.Vtex("loja-a", otherAccountKeys.AppKey, otherAccountKeys.AppToken).GetAsync("api/catalog_system/pvt/brand/list");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Accounts_AreIsolated()
    {
        await sandbox.Vtex("loja-a").PostAsync(Brand, FullBrand(5, "Somente A"));

        (await sandbox.Vtex("loja-b").GetAsync($"{Brand}/5")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BrandList_ReturnsCamelCaseItems_OrderedById()
    {
        var vtex = sandbox.Vtex();
        await vtex.PostAsync(Brand, FullBrand(30, "Tavira"));
        await vtex.PostAsync(Brand, FullBrand(10, "Belisa"));

        var list = await vtex.GetFromJsonAsync<JsonElement>("api/catalog_system/pvt/brand/list");

        list.EnumerateArray().Select(b => b.GetProperty("id").GetInt32()).Should().Equal(10, 30);
        var first = list[0];
        first.GetProperty("name").GetString().Should().Be("Belisa");
        first.GetProperty("isActive").GetBoolean().Should().BeTrue();
        first.GetProperty("title").GetString().Should().Be("Belisa");
        first.GetProperty("metaTagDescription").GetString().Should().Be("Texto Belisa");
        first.GetProperty("imageUrl").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task SameNameTwice_CountsADuplicate_TrimmedAndCaseInsensitive()
    {
        var vtex = sandbox.Vtex();
        await vtex.PostAsync(Brand, FullBrand(1, "Casa Lumare"));
        await vtex.PostAsync(Brand, FullBrand(2, "Outra Marca"));
        await vtex.PostAsync(Brand, FullBrand(3, "casa lumare "));

        var inspection = sandbox.State.Inspect();

        inspection.Vtex["loja-a"].DuplicatesCreated.Should().Be(1);
        inspection.Vtex["loja-a"].Duplicates.Single().Ids.Should().BeEquivalentTo(new long[] { 1, 3 });
        inspection.Vtex["loja-b"].DuplicatesCreated.Should().Be(0);
    }
}
