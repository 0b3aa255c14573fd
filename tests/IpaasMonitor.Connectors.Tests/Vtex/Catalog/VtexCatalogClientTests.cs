using System.Net;
using System.Text.Json;
using IpaasMonitor.Connectors.Vtex;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Testing.Http;

namespace IpaasMonitor.Connectors.Tests.Vtex.Catalog;

public sealed class VtexCatalogClientTests
{
    private static readonly string BrandPath = ConnectorTestHost.Vtex("api/catalog/pvt/brand");
    private static readonly string Brand12Path = ConnectorTestHost.Vtex("api/catalog/pvt/brand/12");

    private static readonly VtexBrand Brand = new()
    {
        Id = 12,
        Name = "Acme",
        Text = "Acme apparel",
        Keywords = "acme",
        SiteTitle = "Acme",
        Active = true,
        MenuHome = true,
        LinkId = "acme",
    };

    [Fact]
    public async Task GetAsync_SendsAppKeyAndToken_AndReadsBrand()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("GET", Brand12Path, FakeResponse.Json(Brand, options: VtexJson.Options));

        var brand = await host.Catalog.Brands.GetAsync(12);

        brand.Should().BeEquivalentTo(Brand);
        var request = host.Server.RequestsTo("GET", Brand12Path).Single();
        request.Header("X-VTEX-API-AppKey").Should().Be("vtexappkey-lojaa-XYZ");
        request.Header("X-VTEX-API-AppToken").Should().Be("APP-TOKEN-VALUE");
        request.Header("Accept").Should().Be("application/json");
        host.VtexContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_When404()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("GET", Brand12Path, FakeResponse.Raw("Brand not found", 404, "text/plain"));

        (await host.Catalog.Brands.GetAsync(12)).Should().BeNull();
        host.Server.RequestsTo("GET", Brand12Path).Should().HaveCount(1, "404 is an answer, not a failure to retry");
    }

    [Fact]
    public async Task GetAsync_ReturnsNull_When200WithNullBody()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("GET", Brand12Path, FakeResponse.Raw("null"));

        (await host.Catalog.Brands.GetAsync(12)).Should().BeNull();
    }

    [Fact]
    public async Task CreateAsync_PostsEveryFieldInVtexCasing()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", BrandPath, request => FakeResponse.Raw(request.Body));

        var created = await host.Catalog.Brands.CreateAsync(Brand);

        created.Should().BeEquivalentTo(Brand);
        var body = JsonDocument.Parse(host.Server.RequestsTo("POST", BrandPath).Single().Body).RootElement;
        body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "Id", "Name", "Text", "Keywords", "SiteTitle", "AdWordsRemarketingCode", "LomadeeCampaignCode", "Score", "MenuHome", "Active", "LinkId");
        body.GetProperty("Id").GetInt32().Should().Be(12);
        body.GetProperty("Score").ValueKind.Should().Be(JsonValueKind.Null);
        host.Server.RequestsTo("POST", BrandPath).Single().Header("Content-Type").Should().StartWith("application/json");
        host.VtexContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_PutsFullBody_AndIsValidAgainstOpenApi()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("PUT", Brand12Path, request => FakeResponse.Raw(request.Body));
        var minimal = new VtexBrand { Id = 12, Name = "Acme" };

        await host.Catalog.Brands.UpdateAsync(12, minimal);

        var body = JsonDocument.Parse(host.Server.RequestsTo("PUT", Brand12Path).Single().Body).RootElement;
        body.EnumerateObject().Should().HaveCount(11, "a full replace sends every field");
        body.GetProperty("Text").GetString().Should().Be("", "non-nullable strings are sent empty, never null");
        body.GetProperty("Active").GetBoolean().Should().BeFalse();
        host.VtexContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_Throws_WhenBodyIdDiffersFromPathId()
    {
        await using var host = await ConnectorTestHost.StartAsync();

        var act = () => host.Catalog.Brands.UpdateAsync(13, Brand);

        await act.Should().ThrowAsync<ArgumentException>();
        host.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task GetAsync_Retries_When503ThenSuccess()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("GET", Brand12Path, FakeResponse.StatusOnly(503), FakeResponse.Json(Brand, options: VtexJson.Options));

        var brand = await host.Catalog.Brands.GetAsync(12);

        brand!.Name.Should().Be("Acme");
        host.Server.RequestsTo("GET", Brand12Path).Should().HaveCount(2);
        host.VtexContractViolations().Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_WaitsForRetryAfter_When429()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("PUT", Brand12Path,
            FakeResponse.Json(new { Message = "Too many requests" }, 429).WithHeader("Retry-After", "1"),
            FakeResponse.Json(Brand, options: VtexJson.Options));

        await host.Catalog.Brands.UpdateAsync(12, Brand);

        var arrivals = host.Server.RequestsTo("PUT", Brand12Path).Select(r => r.Elapsed).ToList();
        arrivals.Should().HaveCount(2);
        (arrivals[1] - arrivals[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task CreateAsync_IsNotRetried_When503()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", BrandPath, FakeResponse.Json(new { Message = "Service Unavailable" }, 503));

        var act = () => host.Catalog.Brands.CreateAsync(Brand);

        var error = (await act.Should().ThrowAsync<VtexException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Transient);
        error.Message.Should().Be("VTEX 503 em POST brand: Service Unavailable");
        host.Server.RequestsTo("POST", BrandPath).Should().HaveCount(1, "a POST create may have been applied: it must not be repeated blindly");
    }

    [Fact]
    public async Task CreateAsync_IsRetried_When429()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", BrandPath,
            FakeResponse.StatusOnly(429).WithHeader("Retry-After", "0"),
            FakeResponse.Json(Brand, options: VtexJson.Options));

        await host.Catalog.Brands.CreateAsync(Brand);

        host.Server.RequestsTo("POST", BrandPath).Should().HaveCount(2, "429 means the request was not processed");
    }

    [Fact]
    public async Task CreateAsync_ThrowsPermanent_With400Message()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", BrandPath, FakeResponse.Json(new { Message = "Brand name already exists" }, 400));

        var act = () => host.Catalog.Brands.CreateAsync(Brand);

        var error = (await act.Should().ThrowAsync<VtexException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Permanent);
        error.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.RequestMethod.Should().Be("POST");
        error.RequestPath.Should().Be("api/catalog/pvt/brand");
        error.RemoteMessage.Should().Be("Brand name already exists");
        error.Message.Should().Be("VTEX 400 em POST brand: Brand name already exists");
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task GetAsync_ThrowsConfiguration_WhenKeyRefused(int status)
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("GET", Brand12Path, FakeResponse.Raw("<html><body>Forbidden   resource</body></html>", status, "text/html"));

        var act = () => host.Catalog.Brands.GetAsync(12);

        var error = (await act.Should().ThrowAsync<VtexException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Configuration);
        error.RemoteMessage.Should().Be("<html><body>Forbidden resource</body></html>");
        error.Message.Should().NotContain("APP-TOKEN-VALUE");
        host.Server.RequestsTo("GET", Brand12Path).Should().HaveCount(1);
    }

    [Fact]
    public async Task GetAsync_ThrowsTransient_WhenEveryAttemptTimesOut()
    {
        await using var host = await ConnectorTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["IpaasMonitor:Resilience:Vtex:AttemptTimeout"] = "00:00:00.5",
            ["IpaasMonitor:Resilience:Vtex:MaxRetryAttempts"] = "1",
        });
        host.Server.On("GET", Brand12Path, FakeResponse.Json(Brand, options: VtexJson.Options).WithDelay(TimeSpan.FromSeconds(5)));

        var act = () => host.Catalog.Brands.GetAsync(12);

        var error = (await act.Should().ThrowAsync<VtexException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Transient);
        error.StatusCode.Should().BeNull();
        error.Message.Should().Be("VTEX tempo esgotado em GET brand/12");
        // Two attempts were made; on a loaded machine the second may time out before it reaches the server.
        host.Server.RequestsTo("GET", Brand12Path).Count.Should().BeInRange(1, 2);
    }
}
