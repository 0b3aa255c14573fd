namespace IpaasMonitor.Connectors;

/// <summary>An external API reached through its own HTTP client, resilience pipeline and rate limit.</summary>
public enum ConnectorSystem
{
    /// <summary>TOTVS Moda API v2.</summary>
    Erp,

    /// <summary>VTEX account host: catalog, logistics, OMS and feed.</summary>
    Vtex,

    /// <summary>VTEX Pricing v2 (its own host, its own write limit of about 33 requests per second).</summary>
    VtexPricing,
}
