namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>
/// Endpoint metadata: which fake system a route belongs to, its short name for fault rules
/// (e.g. "brand") and its template after the tenant/account prefix (e.g. "/api/catalog/pvt/brand/{brandId}").
/// </summary>
/// <param name="System">"erp" or "vtex" (first part of fault keys).</param>
/// <param name="Api">Which API file documents it: "totvsmoda", "catalog", "pricing", "logistics", "oms".</param>
/// <param name="UrlPrefix">First URL segment of the group: "erp", "vtex" or "vtex-pricing".</param>
/// <param name="ScopeRouteValue">Route value holding the tenant or account name.</param>
internal sealed record SandboxRoute(
    string System,
    string Api,
    string UrlPrefix,
    string ScopeRouteValue,
    string Method,
    string ShortName,
    string Template)
{
    public string FullKey => $"{System}:{Method} {Template}";

    public string ShortKey => $"{System}:{Method} {ShortName}";
}

/// <summary>A family of routes sharing a URL prefix and a scope (tenant or account).</summary>
internal sealed record SandboxGroup(string System, string Api, string UrlPrefix, string ScopeRouteValue)
{
    public static readonly SandboxGroup Erp = new("erp", "totvsmoda", "erp", "tenant");
    public static readonly SandboxGroup VtexCatalog = new("vtex", "catalog", "vtex", "account");
    public static readonly SandboxGroup VtexLogistics = new("vtex", "logistics", "vtex", "account");
    public static readonly SandboxGroup VtexPricing = new("vtex", "pricing", "vtex-pricing", "account");

    public SandboxRoute Route(string method, string shortName, string template) =>
        new(System, Api, UrlPrefix, ScopeRouteValue, method, shortName, "/" + template.TrimStart('/'));
}
