using IpaasMonitor.Sandbox.Faults;
using IpaasMonitor.Sandbox.Network;
using IpaasMonitor.Sandbox.Orders;

namespace IpaasMonitor.Sandbox;

/// <summary>
/// Settings of one sandbox instance. Collections left <c>null</c> take the demo defaults
/// (<see cref="DefaultErpTenants"/>, <see cref="DefaultVtexAccounts"/>, <see cref="DefaultFaults"/>);
/// an empty collection means "none" (tests set <c>Faults = []</c>).
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>Port for <see cref="SandboxHost"/> (bound to 127.0.0.1). 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Seed of every generated value (names, changes, fault dice). Same seed, same data.</summary>
    public int Seed { get; set; } = 20_250_601;

    /// <summary>ERP tenants; null = "tenant-a" and "tenant-b".</summary>
    public IList<ErpTenantOptions>? ErpTenants { get; set; }

    /// <summary>VTEX accounts; null = "loja-a" and "loja-b".</summary>
    public IList<VtexAccountOptions>? VtexAccounts { get; set; }

    /// <summary>Brands generated per ERP tenant.</summary>
    public int BrandCount { get; set; } = 40;

    /// <summary>References (product groups) generated per ERP tenant; each has 1–4 colours × its grid's sizes (≈ 10 SKUs).</summary>
    public int ReferenceCount { get; set; } = 500;

    /// <summary>ERP branch codes of tenants that do not set their own (stock and prices per branch); the first is the main branch. Null = [1, 2].</summary>
    public IList<int>? ErpBranchCodes { get; set; }

    /// <summary>Every interval one or two ERP brands change (name or active flag). Zero or negative: never.</summary>
    public TimeSpan ChangeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Orders arriving in VTEX and their invoicing or cancellation in the ERP.</summary>
    public SandboxOrderOptions Orders { get; set; } = new();

    /// <summary>Lifetime of an ERP access token (<c>expires_in</c>).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of an ERP refresh token.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Fault rules active at start; null = <see cref="DefaultFaults"/> (demo), empty = no faults.</summary>
    public IList<FaultRule>? Faults { get; set; }

    /// <summary>VTEX Pricing write limit per account (PUT/POST/PATCH): tokens per second; 0 or less disables it. VTEX: 2,000/min.</summary>
    public double PricingWritesPerSecond { get; set; } = 2000.0 / 60;

    /// <summary>VTEX Pricing burst credits per account (bucket size). VTEX: 500.</summary>
    public int PricingBurst { get; set; } = 500;

    /// <summary>Per-route response times (lognormal p50/p99). Off here; the demo hosts turn it on.</summary>
    public SandboxLatencyOptions Latency { get; set; } = new();

    /// <summary>VTEX's catalog and logistics limits per route and per account (429 + Retry-After beyond). Off here; the demo hosts turn them on.</summary>
    public SandboxRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>How long an inventory update holds its SKU/warehouse lock (real time); a concurrent update of the same pair gets 423.</summary>
    public TimeSpan InventoryLockHold { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Maximum number of VTEX requests kept in <see cref="SandboxState.Journal"/>.</summary>
    public int JournalCapacity { get; set; } = 10_000;

    /// <summary>Clock for token expiry and data changes. Tests pass a FakeTimeProvider.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Demo ERP tenants with their (fake, sandbox-only) credentials.</summary>
    public static IList<ErpTenantOptions> DefaultErpTenants() =>
    [
        new ErpTenantOptions
        {
            Name = "tenant-a",
            ClientId = "sandbox-client-a",
            ClientSecret = "sandbox-secret-a",
            Username = "integracao.a",
            Password = "senha-demo-a",
            ErrorShape = ErpErrorShape.MessagesObject,
            BranchCodes = [1, 2],
        },
        new ErpTenantOptions
        {
            Name = "tenant-b",
            ClientId = "sandbox-client-b",
            ClientSecret = "sandbox-secret-b",
            Username = "integracao.b",
            Password = "senha-demo-b",
            ErrorShape = ErpErrorShape.Array,
            BranchCodes = [1, 3],
        },
    ];

    /// <summary>Demo VTEX accounts with their (fake, sandbox-only) app keys.</summary>
    public static IList<VtexAccountOptions> DefaultVtexAccounts() =>
    [
        new VtexAccountOptions { Name = "loja-a", AppKey = "vtexappkey-loja-a-SANDBOX", AppToken = "SANDBOX-TOKEN-LOJA-A", WarehouseIds = ["1_1", "filial_2"], TradePolicyIds = [1, 2] },
        new VtexAccountOptions { Name = "loja-b", AppKey = "vtexappkey-loja-b-SANDBOX", AppToken = "SANDBOX-TOKEN-LOJA-B", WarehouseIds = ["1_1", "filial_3"], TradePolicyIds = [1, 3] },
    ];

    /// <summary>
    /// Demo faults: low rates on VTEX writes so the monitor grid always shows a few failures
    /// (3% 503 and 2% 429 with Retry-After 2 s).
    /// </summary>
    public static IList<FaultRule> DefaultFaults() =>
    [
        new FaultRule { Route = "vtex:POST *", ErrorRate = 0.03, ThrottleRate = 0.02, RetryAfterSeconds = 2 },
        new FaultRule { Route = "vtex:PUT *", ErrorRate = 0.03, ThrottleRate = 0.02, RetryAfterSeconds = 2 },
    ];

    internal IReadOnlyList<ErpTenantOptions> ResolvedErpTenants() => [.. ErpTenants ?? DefaultErpTenants()];

    internal IReadOnlyList<VtexAccountOptions> ResolvedVtexAccounts() => [.. VtexAccounts ?? DefaultVtexAccounts()];

    internal IReadOnlyList<int> ResolvedBranchCodes(ErpTenantOptions tenant) =>
        [.. tenant.BranchCodes is { Count: > 0 } own ? own : ErpBranchCodes is { Count: > 0 } codes ? codes : [1, 2]];

    internal IReadOnlyList<FaultRule> ResolvedFaults() => [.. Faults ?? DefaultFaults()];
}

/// <summary>How a tenant writes 4xx error bodies; TOTVS Moda uses both (totvs-side.md §2.8).</summary>
public enum ErpErrorShape
{
    /// <summary><c>{ "messages": [ { "code", "message", "detailedMessage" } ] }</c></summary>
    MessagesObject,

    /// <summary><c>[ { "code", "message", "detailedMessage" } ]</c></summary>
    Array,
}

/// <summary>One fake TOTVS Moda tenant, reached at <c>{base}erp/{Name}/api/totvsmoda/...</c>.</summary>
public sealed class ErpTenantOptions
{
    public string Name { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public ErpErrorShape ErrorShape { get; set; } = ErpErrorShape.MessagesObject;

    /// <summary>Branch codes (first = main); null = <see cref="SandboxOptions.ErpBranchCodes"/>. Demo: tenant-a 1, 2; tenant-b 1, 3.</summary>
    public IList<int>? BranchCodes { get; set; }
}

/// <summary>One fake VTEX account, reached at <c>{base}vtex/{Name}/api/...</c> and <c>{base}vtex-pricing/{Name}/pricing/...</c>.</summary>
public sealed class VtexAccountOptions
{
    public string Name { get; set; } = "";

    public string AppKey { get; set; } = "";

    public string AppToken { get; set; } = "";

    /// <summary>Warehouses that exist from the start (ids are case-sensitive); null = ["1_1"]. Demo: loja-a 1_1, filial_2; loja-b 1_1, filial_3.</summary>
    public IList<string>? WarehouseIds { get; set; }

    /// <summary>Trade policies (sales channels); null = [1]. Demo: loja-a 1, 2; loja-b 1, 3.</summary>
    public IList<int>? TradePolicyIds { get; set; }
}
