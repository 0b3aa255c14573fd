using IpaasMonitor.Diagrams.Catalog;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>How an area appears in URLs (<c>area=estoque</c>) and in the UI (<c>Area.Stock</c>).</summary>
public static class AreaInfo
{
    private static readonly Dictionary<DiagramArea, string> Slugs = new()
    {
        [DiagramArea.Catalog] = "catalogo",
        [DiagramArea.Stock] = "estoque",
        [DiagramArea.Prices] = "precos",
        [DiagramArea.Orders] = "pedidos",
        [DiagramArea.Invoices] = "faturamento",
        [DiagramArea.Cancellations] = "cancelamento",
    };

    public static string Slug(DiagramArea area) => Slugs[area];

    public static string LabelKey(DiagramArea area) => "Area." + area;

    public static bool TryParse(string? slug, out DiagramArea area)
    {
        foreach (var (key, value) in Slugs)
        {
            if (string.Equals(value, slug, StringComparison.OrdinalIgnoreCase))
            {
                area = key;
                return true;
            }
        }

        area = default;
        return false;
    }
}
