using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Skus;

/// <summary>09 - SKU-ErpToHub: the products changed in the ERP (product-codes → products) with their main price, kept in the hub.</summary>
public sealed class SkuErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<ErpSkuRow>(connectors, hub, watermarks)
{

    protected override string ReadComponent => "GET products";

    protected override string KeyProperty => "productCode";

    protected override IAsyncEnumerable<ErpItem<ErpSkuRow>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        ErpProductReader.ReadAsync(erp, MainBranch(context), window, keys, withPrices: true, cancellationToken);

    protected override ErpRecordMapping Map(DiagramContext context, ErpSkuRow record, object? state) =>
        SkuMapping.Map(record, MainBranch(context).ErpBranchCode);

    protected override DateTimeOffset ChangedAt(ErpSkuRow record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Product.MaxChangeFilterDate;
    }

    internal static BranchOptions MainBranch(DiagramContext context) =>
        context.Connection.Branches.FirstOrDefault()
        ?? throw new InvalidOperationException($"A conexão {context.Connection.Id} não tem filiais configuradas (IpaasMonitor:Connections:N:Branches).");
}
