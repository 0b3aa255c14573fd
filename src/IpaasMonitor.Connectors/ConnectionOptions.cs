using System.ComponentModel.DataAnnotations;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Resilience;

namespace IpaasMonitor.Connectors;

/// <summary>
/// The "IpaasMonitor" configuration section: every customer integration (one ERP tenant + one VTEX account).
/// Bound from appsettings and overridable by environment variables, e.g.
/// <c>IpaasMonitor__Connections__0__Erp__BaseAddress</c>.
/// </summary>
public sealed class IpaasMonitorOptions
{
    public const string SectionName = "IpaasMonitor";

    public List<ConnectionOptions> Connections { get; set; } = [];

    /// <summary>Retry, timeout, rate-limit and circuit-breaker settings per external system ("IpaasMonitor:Resilience").</summary>
    public ConnectorResilienceOptions Resilience { get; set; } = new();

    /// <summary>Adaptive concurrency of the VTEX sends ("IpaasMonitor:Concurrency", ADR-023).</summary>
    public Concurrency.AdaptiveConcurrencyOptions Concurrency { get; set; } = new();
}

/// <summary>One customer integration: one ERP tenant and one VTEX account, with its branches.</summary>
public sealed class ConnectionOptions
{
    /// <summary>Short stable id used in URLs, messages and job ids (e.g. "VA-CUSTOMIZADA").</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Id { get; set; } = "";

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    [Required]
    public ErpOptions Erp { get; set; } = new();

    [Required]
    public VtexOptions Vtex { get; set; } = new();

    /// <summary>ERP branch code → VTEX warehouse and trade policy. The first entry is the main branch.</summary>
    public List<BranchOptions> Branches { get; set; } = [];

    /// <summary>How orders of this connection are routed to branches and written to the ERP.</summary>
    public OrderOptions Orders { get; set; } = new();
}

/// <summary>TOTVS Moda API v2 tenant. Credentials come from the environment or user-secrets, never from the repo.</summary>
public sealed class ErpOptions
{
    /// <summary>Base address, e.g. https://www30.bhan.com.br:9443/ (paths /api/totvsmoda/... are appended).</summary>
    public string BaseAddress { get; set; } = "";

    public string ClientId { get; set; } = "";

    [Secret]
    public string ClientSecret { get; set; } = "";

    public string Username { get; set; } = "";

    [Secret]
    public string Password { get; set; } = "";

    /// <summary>Renew the token this long before it expires.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(2);

    public int PageSize { get; set; } = 500;

    /// <summary>
    /// How long one search may page before it stops with a readable failure (an ERP answering <c>hasNext: true</c>
    /// forever). Must exceed the longest honest full load of this tenant (ADR-016).
    /// </summary>
    public TimeSpan PagingTimeLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most pages one search reads before it stops with a readable failure.</summary>
    public int MaxPages { get; set; } = ErpClient.DefaultMaxPages;

    /// <summary>Requests per second to this tenant; null uses IpaasMonitor:Resilience:Erp:PermitsPerSecond.</summary>
    public int? PermitsPerSecond { get; set; }
}

/// <summary>VTEX account. Catalog, logistics and OMS share one base address; pricing has its own.</summary>
public sealed class VtexOptions
{
    public string Account { get; set; } = "";

    /// <summary>e.g. https://{account}.vtexcommercestable.com.br/</summary>
    public string BaseAddress { get; set; } = "";

    /// <summary>e.g. https://api.vtex.com/{account}/</summary>
    public string PricingBaseAddress { get; set; } = "";

    /// <summary>Not a password, but it names the key pair: kept out of logs as well.</summary>
    [Secret]
    public string AppKey { get; set; } = "";

    [Secret]
    public string AppToken { get; set; } = "";

    /// <summary>Requests per second to the account host; null uses IpaasMonitor:Resilience:Vtex:PermitsPerSecond.</summary>
    public int? PermitsPerSecond { get; set; }

    /// <summary>Requests per second to Pricing; null uses IpaasMonitor:Resilience:VtexPricing:PermitsPerSecond.</summary>
    public int? PricingPermitsPerSecond { get; set; }
}

public sealed class BranchOptions
{
    public int ErpBranchCode { get; set; }

    public string WarehouseId { get; set; } = "";

    public string TradePolicyId { get; set; } = "1";

    /// <summary>VTEX price table for this branch's fixed prices when it is not the trade policy id (a table name such as "b2b").</summary>
    public string? PriceTableId { get; set; }

    /// <summary>ERP stock codes summed for this branch's sellable stock (customer-specific: 1 = physical in most tenants).</summary>
    public List<int> ErpStockCodes { get; set; } = [1];

    /// <summary>ERP price table read for this branch; null = the branch code (the sandbox's convention).</summary>
    public int? ErpPriceTableCode { get; set; }
}
