using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Skus;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.SkuSpecifications;

/// <summary>11 - SKUSpecification-ErpToHub: the colour and size of each productCode changed in the ERP.</summary>
public sealed class SkuSpecificationErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<ErpSkuRow>(connectors, hub, watermarks)
{

    protected override string ReadComponent => "GET products";

    protected override string KeyProperty => "productCode";

    protected override IAsyncEnumerable<ErpItem<ErpSkuRow>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        ErpProductReader.ReadAsync(erp, SkuErpToHub.MainBranch(context), window, keys, withPrices: false, cancellationToken);

    protected override ErpRecordMapping Map(DiagramContext context, ErpSkuRow record, object? state) => SkuSpecificationMapping.Map(record);

    protected override DateTimeOffset ChangedAt(ErpSkuRow record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Product.MaxChangeFilterDate;
    }
}
