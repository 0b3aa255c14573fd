using IpaasMonitor.Sandbox.Erp;
using IpaasMonitor.Sandbox.Faults;
using IpaasMonitor.Sandbox.Infrastructure;
using IpaasMonitor.Sandbox.Network;
using IpaasMonitor.Sandbox.Orders;
using IpaasMonitor.Sandbox.Vtex;

namespace IpaasMonitor.Sandbox;

/// <summary>
/// Everything the sandbox holds, for in-process use by tests and the web app: data, faults,
/// counters, journal and clock.
/// </summary>
public sealed class SandboxState
{
    public SandboxState(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
        Time = options.TimeProvider;
        StartedAt = Time.GetUtcNow();
        Erp = new ErpSandbox(options);
        Vtex = new VtexSandbox(options);
        Orders = new OrdersSandbox(options);
        Faults = new FaultInjector(options.Seed, options.ResolvedFaults());
        Journal = new RequestJournal(options.JournalCapacity);
        Latency = new LatencyModel(options.Latency, options.Seed);
        RateLimits = new RouteRateLimits(options.RateLimits, Time);
    }

    public SandboxOptions Options { get; }

    /// <summary>The clock driving token expiry and data changes.</summary>
    public TimeProvider Time { get; }

    public DateTimeOffset StartedAt { get; }

    public ErpSandbox Erp { get; }

    public VtexSandbox Vtex { get; }

    /// <summary>VTEX OMS per account and ERP sales orders, customers and invoices per tenant.</summary>
    public OrdersSandbox Orders { get; }

    /// <summary>Fault rules, changeable at any time.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Bounded journal of the VTEX requests received (for OpenAPI contract tests).</summary>
    public RequestJournal Journal { get; }

    internal RequestStats Stats { get; } = new();

    /// <summary>The response-time model (<see cref="LatencyModel.Enabled"/> can be switched at any time).</summary>
    public LatencyModel Latency { get; }

    /// <summary>Switches VTEX's catalog and logistics limits per route and account on or off at run time.</summary>
    public bool RouteRateLimitsEnabled
    {
        get => RateLimits.Enabled;
        set => RateLimits.Enabled = value;
    }

    internal RouteRateLimits RateLimits { get; }

    /// <summary>Request counts per route and status, duplicates and entity counts (same object as GET _sandbox/inspect).</summary>
    public SandboxInspection Inspect() => new(
        Time.GetUtcNow(),
        Faults.Injected,
        Stats.Snapshot(),
        Erp.TenantNames.ToDictionary(
            n => n,
            n =>
            {
                var tenant = Erp.Tenant(n);
                return new ErpTenantInspection(tenant.ActiveTokens, tenant.EntityCounts());
            },
            StringComparer.Ordinal),
        Vtex.AccountNames.ToDictionary(
            n => n,
            n =>
            {
                var account = Vtex.Account(n);
                return new VtexAccountInspection(account.DuplicatesCreated, account.EntityCounts(), account.Duplicates);
            },
            StringComparer.Ordinal))
    {
        Orders = Orders.Inspect(),
    };

    /// <summary>Clears request counts, the journal, duplicate counters and the injected-fault count (data is kept).</summary>
    public void ResetCounters()
    {
        Stats.Clear();
        Journal.Clear();
        Faults.ResetCounter();
        foreach (var name in Vtex.AccountNames)
        {
            Vtex.Account(name).ResetCounters();
        }
    }

    internal bool HasScope(string system, string scope) => system switch
    {
        "erp" => Erp.Has(scope),
        "vtex" => Vtex.Has(scope),
        _ => false,
    };

    private static void Validate(SandboxOptions options)
    {
        static void Unique(IEnumerable<string> names, string what)
        {
            var list = names.ToList();
            if (list.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException($"Every {what} needs a name.", nameof(options));
            }

            var duplicate = list.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"{what} '{duplicate.Key}' is configured twice.", nameof(options));
            }
        }

        Unique(options.ResolvedErpTenants().Select(t => t.Name), "ERP tenant");
        Unique(options.ResolvedVtexAccounts().Select(a => a.Name), "VTEX account");
        if (options.BrandCount < 0)
        {
            throw new ArgumentException("BrandCount must not be negative.", nameof(options));
        }

        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("TokenLifetime must be positive.", nameof(options));
        }
    }
}

/// <summary>Snapshot returned by <see cref="SandboxState.Inspect"/> and GET <c>_sandbox/inspect</c>.</summary>
public sealed record SandboxInspection(
    DateTimeOffset At,
    long FaultsInjected,
    IReadOnlyList<RouteCount> Requests,
    IReadOnlyDictionary<string, ErpTenantInspection> Erp,
    IReadOnlyDictionary<string, VtexAccountInspection> Vtex)
{
    /// <summary>The order side: OMS statuses and duplicates per account, ERP customers/orders/invoices per tenant.</summary>
    public OrdersInspection? Orders { get; init; }

    /// <summary>Total requests on routes whose key (full or short, e.g. "vtex:POST brand") matches, optionally for one scope and status.</summary>
    public long Count(string key, string? scope = null, int? status = null) =>
        Requests
            .Where(r => (Glob.IsMatch(FaultInjector.Normalize(key), r.Key) || Glob.IsMatch(FaultInjector.Normalize(key), $"{r.System}:{r.Method} {r.Route}"))
                        && (scope is null || string.Equals(r.Scope, scope, StringComparison.Ordinal)))
            .Sum(r => status is null ? r.Total : r.Statuses.GetValueOrDefault(status.Value));
}

public sealed record ErpTenantInspection(int ActiveTokens, IReadOnlyDictionary<string, int> Entities);

public sealed record VtexAccountInspection(int DuplicatesCreated, IReadOnlyDictionary<string, int> Entities, IReadOnlyList<VtexDuplicate> Duplicates);
