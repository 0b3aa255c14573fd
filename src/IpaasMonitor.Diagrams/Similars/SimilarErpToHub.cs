using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Similars;

/// <summary>17 - Similar-ErpToHub: the similar references of the references changed in the ERP.</summary>
public sealed class SimilarErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<ErpReference>(connectors, hub, watermarks)
{

    protected override string ReadComponent => "GET reference";

    protected override string KeyProperty => "referenceCode";

    protected override IAsyncEnumerable<ErpItem<ErpReference>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        erp.SearchReferencesAsync(window, keys, expand: "similarReferences", skipUnreadablePages: true, cancellationToken: cancellationToken);

    protected override ErpRecordMapping Map(DiagramContext context, ErpReference record, object? state) => SimilarMapping.Map(record);

    protected override DateTimeOffset ChangedAt(ErpReference record) => record.MaxChangeFilterDate;
}
