using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IpaasMonitor.Sandbox.Tests.Erp;

public sealed class ErpTokenTests : IAsyncLifetime
{
    private const string BrandsSearch = "api/totvsmoda/product/v2/brands/search";
    private TestSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await TestSandbox.StartAsync(o => o.TokenLifetime = TimeSpan.FromMinutes(30));

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Token_ReturnsBearerWithLifetime_WhenCredentialsAreValid()
    {
        var token = await TestSandbox.TokenAsync(sandbox.ErpAnonymous(), "tenant-a");

        token.GetProperty("token_type").GetString().Should().Be("Bearer");
        token.GetProperty("expires_in").GetInt32().Should().Be(1800);
        token.GetProperty("access_token").GetString().Should().NotBeNullOrWhiteSpace();
        token.GetProperty("refresh_token").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Token_Returns400InvalidGrant_WhenPasswordIsWrong()
    {
        var response = await sandbox.ErpAnonymous().PostAsync("api/totvsmoda/authorization/v2/token", TestSandbox.TokenForm("tenant-a", "wrong"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("invalid_grant");
        body.GetProperty("error_description").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Token_Returns400_WhenCredentialsOfAnotherTenantAreUsed()
    {
        var response = await sandbox.ErpAnonymous("tenant-b").PostAsync("api/totvsmoda/authorization/v2/token", TestSandbox.TokenForm("tenant-a"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Token_Returns400_WhenBodyIsJsonInsteadOfForm()
    {
        var response = await sandbox.ErpAnonymous().PostAsync("api/totvsmoda/authorization/v2/token", TestSandbox.Json("""{"grant_type":"password"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task Search_Returns401_WithoutToken()
    {
        var response = await sandbox.ErpAnonymous().PostAsync(BrandsSearch, TestSandbox.Json("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Search_Returns401_OnceTheTokenHasExpired()
    {
        var erp = await sandbox.ErpAsync();
        (await erp.PostAsync(BrandsSearch, TestSandbox.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.OK);

        sandbox.Time.Advance(TimeSpan.FromMinutes(29));
        (await erp.PostAsync(BrandsSearch, TestSandbox.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.OK);

        sandbox.Time.Advance(TimeSpan.FromMinutes(1));
        (await erp.PostAsync(BrandsSearch, TestSandbox.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Search_Returns401_AfterTokensAreRevoked()
    {
        var erp = await sandbox.ErpAsync();

        sandbox.State.Erp.RevokeTokens("tenant-a");

        (await erp.PostAsync(BrandsSearch, TestSandbox.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_IsValidOnlyForItsTenant()
    {
        var erpA = await sandbox.ErpAsync("tenant-a");
        var onB = sandbox.ErpAnonymous("tenant-b");
        onB.DefaultRequestHeaders.Authorization = erpA.DefaultRequestHeaders.Authorization;

        (await onB.PostAsync(BrandsSearch, TestSandbox.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefreshToken_GivesANewAccessToken_AndCanBeUsedOnce()
    {
        var client = sandbox.ErpAnonymous();
        var first = await TestSandbox.TokenAsync(client, "tenant-a");
        var tenant = SandboxOptions.DefaultErpTenants()[0];
        FormUrlEncodedContent RefreshForm() => new(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = tenant.ClientId,
            ["client_secret"] = tenant.ClientSecret,
            ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
        });

        var refreshed = await client.PostAsync("api/totvsmoda/authorization/v2/token", RefreshForm());
        var again = await client.PostAsync("api/totvsmoda/authorization/v2/token", RefreshForm());

        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("access_token").GetString().Should().NotBe(first.GetProperty("access_token").GetString());
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
