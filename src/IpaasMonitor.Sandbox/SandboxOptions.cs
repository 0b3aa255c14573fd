using IpaasMonitor.Sandbox.Faults;
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
        },
        new ErpTenantOptions
        {
            Name = "tenant-b",
            ClientId = "sandbox-client-b",
            ClientSecret = "sandbox-secret-b",
            Username = "integracao.b",
            Password = "senha-demo-b",
            ErrorShape = ErpErrorShape.Array,
        },
    ];

    /// <summary>Demo VTEX accounts with their (fake, sandbox-only) app keys.</summary>
    public static IList<VtexAccountOptions> DefaultVtexAccounts() =>
    [
        new VtexAccountOptions { Name = "loja-a", AppKey = "vtexappkey-loja-a-SANDBOX", AppToken = "SANDBOX-TOKEN-LOJA-A" },
        new VtexAccountOptions { Name = "loja-b", AppKey = "vtexappkey-loja-b-SANDBOX", AppToken = "SANDBOX-TOKEN-LOJA-B" },
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
}

/// <summary>One fake VTEX account, reached at <c>{base}vtex/{Name}/api/...</c> and <c>{base}vtex-pricing/{Name}/pricing/...</c>.</summary>
public sealed class VtexAccountOptions
{
    public string Name { get; set; } = "";

    public string AppKey { get; set; } = "";

    public string AppToken { get; set; } = "";
}
