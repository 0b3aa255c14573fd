namespace IpaasMonitor.Sandbox.Erp;

/// <summary>The fake TOTVS Moda side: one <see cref="ErpTenant"/> per configured tenant.</summary>
public sealed class ErpSandbox
{
    private readonly Dictionary<string, ErpTenant> _tenants;

    internal ErpSandbox(SandboxOptions options)
    {
        _tenants = options.ResolvedErpTenants().ToDictionary(t => t.Name, t => new ErpTenant(t, options), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> TenantNames => _tenants.Keys;

    public ErpTenant Tenant(string name) =>
        _tenants.TryGetValue(name, out var tenant) ? tenant : throw new KeyNotFoundException($"No ERP tenant '{name}' in the sandbox.");

    internal bool Has(string name) => _tenants.ContainsKey(name);

    /// <summary>Invalidates every token of the tenant now (a 401 follows on the next call).</summary>
    public void RevokeTokens(string tenant) => Tenant(tenant).RevokeTokens();

    public IReadOnlyList<ErpBrand> Brands(string tenant) => Tenant(tenant).Brands;
}
