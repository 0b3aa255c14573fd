using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Categories;

/// <summary>03 - Category-ErpToHub: the categories changed in the ERP since the watermark, kept in the hub.</summary>
public sealed class CategoryErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<ErpCategory>(connectors, hub, watermarks)
{
    protected override string ReadComponent => "GET category";

    protected override string KeyProperty => "code";

    protected override IAsyncEnumerable<ErpItem<ErpCategory>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        erp.SearchCategoriesAsync(window, keys?.Select(Codes.Parse).ToList(), skipUnreadablePages: true, cancellationToken);

    protected override ErpRecordMapping Map(DiagramContext context, ErpCategory record, object? state) => CategoryMapping.Map(record);

    protected override DateTimeOffset ChangedAt(ErpCategory record) => record.MaxChangeFilterDate;

    /// <summary>A category names its parent category: a cycle among them is refused with the cycle named.</summary>
    protected override (string Kind, string Label)? SameKindParents => (HubKinds.Category, "categorias");
}
