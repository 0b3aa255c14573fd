using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Similars;

/// <summary>The references related to a reference ("similares"), as the hub keeps them.</summary>
public sealed record HubSimilar(string ReferenceCode, IReadOnlyList<string> Similar);

/// <summary>ERP similar references → hub → VTEX SKU complements of type 3 (similar product).</summary>
public static class SimilarMapping
{
    public const int ComplementTypeSimilar = 3;

    public static ErpRecordMapping Map(ErpReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var key = reference.ReferenceCode?.Trim() ?? "";
        if (key.Length == 0)
        {
            return ErpRecordMapping.Refused("(sem código)", "Referência sem código no ERP.");
        }

        var similar = (reference.SimilarReferences ?? [])
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s.Trim())
            .Where(s => !string.Equals(s, key, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var content = new HubSimilar(key, similar);
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.Similar, new HubItem(key, key, content, reference.MaxChangeFilterDate.UtcDateTime)));
    }
}
