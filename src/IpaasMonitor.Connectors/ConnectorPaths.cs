namespace IpaasMonitor.Connectors;

/// <summary>Short labels for request paths, as shown in the monitor grid.</summary>
public static class ConnectorPaths
{
    private static readonly string[] Prefixes =
    [
        "api/totvsmoda/",
        "api/catalog_system/pvt/",
        "api/catalog/pvt/",
        "api/logistics/pvt/",
        "api/oms/pvt/",
        "api/orders/",
        "pricing/",
    ];

    /// <summary>
    /// "api/catalog/pvt/brand/12" → "brand/12"; "api/totvsmoda/product/v2/brands/search" → "product/brands/search".
    /// The query string is dropped.
    /// </summary>
    public static string ShortLabel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var label = path.Split('?', 2)[0].TrimStart('/');
        foreach (var prefix in Prefixes)
        {
            if (label.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                label = label[prefix.Length..];
                break;
            }
        }

        return label.Replace("/v2/", "/", StringComparison.Ordinal);
    }
}
