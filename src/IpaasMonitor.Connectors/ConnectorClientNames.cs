namespace IpaasMonitor.Connectors;

/// <summary>Names of the per-connection HttpClients registered with IHttpClientFactory.</summary>
public static class ConnectorClientNames
{
    public static string For(ConnectorSystem system, string connectionId) => system switch
    {
        ConnectorSystem.Erp => $"IpaasMonitor.Erp:{connectionId}",
        ConnectorSystem.Vtex => $"IpaasMonitor.Vtex:{connectionId}",
        ConnectorSystem.VtexPricing => $"IpaasMonitor.VtexPricing:{connectionId}",
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, "Unknown connector system."),
    };
}
