namespace IpaasMonitor.Sandbox.Erp;

/// <summary>The fake TOTVS Moda side: one <see cref="ErpTenant"/> per configured tenant.</summary>
public sealed class ErpSandbox
{
    private readonly Dictionary<string, ErpTenant> tenants;

    internal ErpSandbox(SandboxOptions options)
    {
        tenants = options.ResolvedErpTenants().ToDictionary(t => t.Name, t => new ErpTenant(t, options), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> TenantNames => tenants.Keys;

    public ErpTenant Tenant(string name) =>
        tenants.TryGetValue(name, out var tenant) ? tenant : throw new KeyNotFoundException($"No ERP tenant '{name}' in the sandbox.");

    internal bool Has(string name) => tenants.ContainsKey(name);

    /// <summary>Invalidates every token of the tenant now (a 401 follows on the next call).</summary>
    public void RevokeTokens(string tenant) => Tenant(tenant).RevokeTokens();

    public IReadOnlyList<ErpBrand> Brands(string tenant) => Tenant(tenant).Brands;

    /// <summary>
    /// Adds or replaces brand <paramref name="code"/> with a change date of now, in <paramref name="tenant"/>
    /// or, when null, in every tenant. Returns the brand of the last tenant written.
    /// </summary>
    public ErpBrand UpsertBrand(int code, string name, bool isActive = true, string? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var targets = tenant is null ? tenants.Values.ToList() : [Tenant(tenant)];
        ErpBrand? last = null;
        foreach (var target in targets)
        {
            last = target.UpsertBrand(code, name, isActive);
        }

        return last ?? throw new InvalidOperationException("The sandbox has no ERP tenant.");
    }
}
