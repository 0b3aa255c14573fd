using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IpaasMonitor.Connectors.Tests.Erp;

public sealed class ErpClientTokenTests
{
    private static readonly DateTimeOffset Start = new(2025, 12, 9, 0, 0, 0, TimeSpan.FromHours(-3));

    [Fact]
    public async Task SearchAsync_RequestsOneToken_ForManyCalls()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", "/" + ErpBrandSearch.Path, FakeResponse.Json(Page(hasNext: false, Brand(1))));

        for (var i = 0; i < 5; i++)
        {
            await host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);
        }

        host.Server.RequestsTo("POST", ConnectorTestHost.TokenPath).Should().HaveCount(1);
        var searches = host.Server.RequestsTo("POST", "/" + ErpBrandSearch.Path);
        searches.Should().HaveCount(5).And.OnlyContain(r => r.Header("Authorization") == "Bearer token-1");
    }

    [Fact]
    public async Task GetToken_IsSingleFlight_WhenCallersConcurrent()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens(delay: TimeSpan.FromMilliseconds(300));
        host.Server.On("POST", "/" + ErpBrandSearch.Path, FakeResponse.Json(Page(hasNext: false)));
        var erp = host.Erp;

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10)));

        host.Server.RequestsTo("POST", ConnectorTestHost.TokenPath).Should().HaveCount(1);
    }

    [Fact]
    public async Task TokenRequest_IsPasswordGrantForm()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", "/" + ErpBrandSearch.Path, FakeResponse.Json(Page(hasNext: false)));

        await host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        var token = host.Server.RequestsTo("POST", ConnectorTestHost.TokenPath).Single();
        token.Header("Content-Type").Should().StartWith("application/x-www-form-urlencoded");
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(token.Body);
        form["grant_type"].ToString().Should().Be("password");
        form["client_id"].ToString().Should().Be("client-id");
        form["client_secret"].ToString().Should().Be("client-secret");
        form["username"].ToString().Should().Be("integracao");
        form["password"].ToString().Should().Be("s3cret");
    }

    [Fact]
    public async Task GetToken_RenewsBeforeExpiry_ByTheMargin()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await ConnectorTestHost.StartAsync(
            new Dictionary<string, string?> { ["IpaasMonitor:Connections:0:Erp:TokenRefreshMargin"] = "00:02:00" },
            services => services.AddSingleton<TimeProvider>(clock));
        host.ServeTokens(expiresIn: 3600);
        host.Server.On("POST", "/" + ErpBrandSearch.Path, FakeResponse.Json(Page(hasNext: false)));
        var erp = host.Erp;

        await erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);
        clock.Advance(TimeSpan.FromMinutes(57));
        await erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);
        host.Server.RequestsTo("POST", ConnectorTestHost.TokenPath).Should().HaveCount(1, "58 minutes remain, more than the 2-minute margin");

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        host.Server.RequestsTo("POST", ConnectorTestHost.TokenPath).Should().HaveCount(2, "less than the margin was left");
        host.Server.RequestsTo("POST", "/" + ErpBrandSearch.Path)[^1].Header("Authorization").Should().Be("Bearer token-2");
    }

    [Fact]
    public async Task SearchAsync_RenewsTokenOnce_When401ThenSucceeds()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", "/" + ErpBrandSearch.Path, request => request.Header("Authorization") == "Bearer token-1"
            ? FakeResponse.Json(new { message = "token revoked" }, 401)
            : FakeResponse.Json(Page(hasNext: false, Brand(7))));

        var page = await host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        page.Items.Single().Value!.Code.Should().Be(7);
        host.Server.RequestsTo("POST", ConnectorTestHost.TokenPath).Should().HaveCount(2);
        host.Server.RequestsTo("POST", "/" + ErpBrandSearch.Path).Select(r => r.Header("Authorization"))
            .Should().Equal("Bearer token-1", "Bearer token-2");
    }

    [Fact]
    public async Task SearchAsync_ThrowsConfigurationError_WhenSecond401()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.ServeTokens();
        host.Server.On("POST", "/" + ErpBrandSearch.Path, FakeResponse.Json(new[] { new { code = "Unauthorized", message = "Licença webservice inválida" } }, 401));

        var act = () => host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        var error = (await act.Should().ThrowAsync<ErpException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Configuration);
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        error.RemoteMessage.Should().Be("Unauthorized: Licença webservice inválida");
        error.Message.Should().Be("ERP 401 em POST product/brands/search: Unauthorized: Licença webservice inválida");
        host.Server.RequestsTo("POST", "/" + ErpBrandSearch.Path).Should().HaveCount(2);
        host.Server.RequestsTo("POST", ConnectorTestHost.TokenPath).Should().HaveCount(2);
    }

    [Fact]
    public async Task SearchAsync_ThrowsConfigurationError_WhenCredentialsRefused()
    {
        await using var host = await ConnectorTestHost.StartAsync();
        host.Server.On("POST", ConnectorTestHost.TokenPath,
            FakeResponse.Json(new { error = "invalid_grant", error_description = "usuário ou senha inválidos" }, 400));

        var act = () => host.Erp.SearchAsync<ErpBrand>(ErpBrandSearch.Path, new { }, null, null, 1, 10);

        var error = (await act.Should().ThrowAsync<ErpException>()).Which;
        error.Kind.Should().Be(ConnectorErrorKind.Configuration);
        error.Message.Should().Be("ERP 400 em POST authorization/token: usuário ou senha inválidos");
        error.Message.Should().NotContain("s3cret").And.NotContain("client-secret");
        host.Server.RequestsTo("POST", "/" + ErpBrandSearch.Path).Should().BeEmpty();
    }

    internal static object Brand(int code, string name = "Marca") => new
    {
        code,
        name,
        isActive = true,
        maxChangeFilterDate = "2025-12-09T10:00:00-03:00",
    };

    internal static object Page(bool hasNext, params object[] items) => new
    {
        count = items.Length,
        totalPages = 1,
        hasNext,
        totalItems = items.Length,
        items,
    };
}
