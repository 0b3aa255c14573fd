using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Categories;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Products;

/// <summary>05 - Product-ErpToHub: the references (product models) changed in the ERP, kept in the hub as products.</summary>
public sealed class ProductErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<ErpReference>(connectors, hub, watermarks)
{

    protected override string ReadComponent => "GET reference";

    protected override string KeyProperty => "referenceCode";

    protected override IAsyncEnumerable<ErpItem<ErpReference>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        erp.SearchReferencesAsync(window, keys, skipUnreadablePages: true, cancellationToken: cancellationToken);

    protected override async Task<object?> StartAsync(DiagramContext context, CancellationToken cancellationToken) =>
        await CategoryTree.LoadAsync(Hub, context.Connection.Id, cancellationToken);

    protected override ErpRecordMapping Map(DiagramContext context, ErpReference record, object? state)
    {
        var categories = (CategoryTree)state!;
        return ProductMapping.Map(record, categories.Count == 0 ? null : code => categories.Contains(TextRules.Key(code)));
    }

    protected override DateTimeOffset ChangedAt(ErpReference record) => record.MaxChangeFilterDate;
}
