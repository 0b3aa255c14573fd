using IpaasMonitor.Sandbox.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>TOTVS Moda API v2 routes under <c>erp/{tenant}/</c>.</summary>
internal static class ErpEndpoints
{
    public const int MaxBrandPageSize = 1000;

    public static void Map(RouteGroupBuilder erp)
    {
        var g = SandboxGroup.Erp;
        erp.MapSandbox(g, "POST", "token", "api/totvsmoda/authorization/v2/token", Token);
        erp.MapSandbox(g, "POST", "brands/search", "api/totvsmoda/product/v2/brands/search", SearchBrands);
    }

    /// <summary>
    /// OAuth2 token endpoint (form-urlencoded). Errors follow RFC 6749 §5.2
    /// (<c>{"error":"invalid_grant","error_description":"…"}</c>, status 400), the shape OAuth clients parse;
    /// the TOTVS message shapes of §2.8 are used by the resource endpoints.
    /// </summary>
    private static IResult Token(HttpContext http, SandboxState state, string tenant)
    {
        var t = state.Erp.Tenant(tenant);
        if (!http.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
        }

        var raw = QueryHelpers.ParseQuery(SandboxRequestFilter.Body(http) ?? "");
        var form = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in raw)
        {
            form[key] = value.ToString();
        }

        string Field(string name) => form.TryGetValue(name, out var v) ? v : "";

        var grantType = Field("grant_type");
        if (grantType.Length == 0)
        {
            return OAuthError("invalid_request", "grant_type is required.");
        }

        if (!string.Equals(Field("client_id"), t.Options.ClientId, StringComparison.Ordinal)
            || !string.Equals(Field("client_secret"), t.Options.ClientSecret, StringComparison.Ordinal))
        {
            return OAuthError("invalid_client", "Invalid client_id or client_secret.");
        }

        switch (grantType)
        {
            case "password":
                if (!string.Equals(Field("username"), t.Options.Username, StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(Field("password"), t.Options.Password, StringComparison.Ordinal))
                {
                    return OAuthError("invalid_grant", "Invalid username or password.");
                }

                break;
            case "refresh_token":
                if (!t.RedeemRefreshToken(Field("refresh_token")))
                {
                    return OAuthError("invalid_grant", "Invalid, expired or revoked refresh_token.");
                }

                break;
            case "client_credentials":
                break;
            default:
                return OAuthError("unsupported_grant_type", $"grant_type '{grantType}' is not supported.");
        }

        var grant = t.IssueTokens();
        return ErpResults.Ok(new TokenResponse(grant.AccessToken, "Bearer", grant.ExpiresIn, grant.RefreshToken));
    }

    private static IResult SearchBrands(HttpContext http, SandboxState state, string tenant)
    {
        var t = state.Erp.Tenant(tenant);
        if (t.Authorize(http) is { } denied)
        {
            return denied;
        }

        if (!ErpSearchRequest.TryParse(SandboxRequestFilter.Body(http), MaxBrandPageSize, out var search, out var problem))
        {
            return t.Error(StatusCodes.Status400BadRequest, problem!);
        }

        var codes = search.FilterInts("brandCodeList");
        var matches = t.Brands.Where(b => search.InChangeWindow(b.ChangedAt) && (codes is null || codes.Contains(b.Code)));
        if (!search.TrySort(matches, BrandOrder, "code", out var sorted, out problem))
        {
            return t.Error(StatusCodes.Status400BadRequest, problem!);
        }

        return ErpResults.Ok(search.ToPage(sorted, b => new BrandItem(b.Code, b.Name, b.IsActive, ErpDates.Format(b.ChangedAt))));
    }

    private static readonly Dictionary<string, Func<ErpBrand, IComparable>> BrandOrder = new(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = b => b.Code,
        ["name"] = b => b.Name,
        ["maxChangeFilterDate"] = b => b.ChangedAt,
    };

    private static IResult OAuthError(string error, string description) =>
        Results.Json(new OAuthErrorResponse(error, description), SandboxJson.Erp, statusCode: StatusCodes.Status400BadRequest);

    private sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string RefreshToken);

    private sealed record OAuthErrorResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);

    private sealed record BrandItem(int Code, string Name, bool IsActive, string MaxChangeFilterDate);
}
