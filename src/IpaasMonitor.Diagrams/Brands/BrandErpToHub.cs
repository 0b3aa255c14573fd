using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Brands;

/// <summary>01 - Brand-ErpToHub: the brands changed in the ERP since the watermark, kept in the hub.</summary>
public sealed class BrandErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<ErpBrand>(connectors, hub, watermarks)
{
    protected override string ReadComponent => "GET brand";

    protected override string KeyProperty => "code";

    /// <summary>The brand search always takes a window: a re-queue searches the whole history for its code.</summary>
    protected override IAsyncEnumerable<ErpItem<ErpBrand>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var change = window ?? new ErpChangeFilter(WatermarkStore.Beginning, context.UtcNow);
        return erp.SearchBrandsAsync(change.StartDate, change.EndDate, keys?.Select(Codes.Parse).ToList(), skipUnreadablePages: true, cancellationToken: cancellationToken);
    }

    protected override ErpRecordMapping Map(DiagramContext context, ErpBrand record, object? state) => BrandMapping.Map(record);

    protected override DateTimeOffset ChangedAt(ErpBrand record) => record.MaxChangeFilterDate;
}
