namespace IpaasMonitor.Connectors.Health;

/// <summary>
/// An external API as support staff name it. The VTEX account host serves catalog, logistics and OMS through one
/// HTTP client (<see cref="ConnectorSystem.Vtex"/>): they share one circuit breaker, but their calls, failures and
/// latencies are told apart by path.
/// </summary>
public enum ConnectorApi
{
    /// <summary>TOTVS Moda API v2.</summary>
    Erp,

    /// <summary>VTEX Catalog (<c>/api/catalog…</c>, and anything else on the account host but logistics and OMS).</summary>
    VtexCatalog,

    /// <summary>VTEX Pricing v2 (its own host).</summary>
    VtexPricing,

    /// <summary>VTEX Logistics (<c>/api/logistics/…</c>): stock.</summary>
    VtexLogistics,

    /// <summary>VTEX OMS and its feed (<c>/api/oms/…</c>, <c>/api/orders/…</c>).</summary>
    VtexOms,
}

/// <summary>Which <see cref="ConnectorApi"/> a request is, and which pipeline (breaker) serves it.</summary>
public static class ConnectorApis
{
    public static IReadOnlyList<ConnectorApi> All { get; } = Enum.GetValues<ConnectorApi>();

    public static ConnectorSystem SystemOf(ConnectorApi api) => api switch
    {
        ConnectorApi.Erp => ConnectorSystem.Erp,
        ConnectorApi.VtexPricing => ConnectorSystem.VtexPricing,
        _ => ConnectorSystem.Vtex,
    };

    public static ConnectorApi Classify(ConnectorSystem system, Uri? requestUri)
    {
        switch (system)
        {
            case ConnectorSystem.Erp:
                return ConnectorApi.Erp;
            case ConnectorSystem.VtexPricing:
                return ConnectorApi.VtexPricing;
        }

        var path = requestUri?.IsAbsoluteUri == true ? requestUri.AbsolutePath : requestUri?.OriginalString ?? "";
        if (path.Contains("/api/oms/", StringComparison.OrdinalIgnoreCase) || path.Contains("/api/orders/", StringComparison.OrdinalIgnoreCase))
        {
            return ConnectorApi.VtexOms;
        }

        return path.Contains("/api/logistics/", StringComparison.OrdinalIgnoreCase) ? ConnectorApi.VtexLogistics : ConnectorApi.VtexCatalog;
    }
}
