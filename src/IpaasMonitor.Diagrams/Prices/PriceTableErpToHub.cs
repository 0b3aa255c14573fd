using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Prices;

/// <summary>
/// 19 - PriceTable-ErpToHub (main branch's table) and 21 - BranchPriceTable-ErpToHub (every other branch's table):
/// one class, two catalogue rows. Each branch of the connection maps to a VTEX trade policy (or price table).
/// </summary>
public sealed class PriceTableErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<PriceTableErpToHub.Row>(connectors, hub, watermarks)
{

    protected override string ReadComponent => "GET price-table";

    protected override string KeyProperty => "productCode";

    protected override async IAsyncEnumerable<ErpItem<Row>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var codes = keys?.Select(Codes.Parse).Distinct().ToList();
        foreach (var branch in context.Definition.Variant.BranchesOf(context.Connection))
        {
            if (keys is not null && !keys.Any(k => k.Split('/').Length == 1 || k.EndsWith("/" + TextRules.Key(branch.ErpBranchCode), StringComparison.Ordinal)))
            {
                continue;
            }

            await foreach (var item in erp.SearchPriceTableAsync(PriceMapping.TableOf(branch), [branch.ErpBranchCode], window, codes, skipUnreadablePages: true, cancellationToken))
            {
                yield return item.Map(i => new Row(i, branch));
            }
        }
    }

    protected override ErpRecordMapping Map(DiagramContext context, Row record, object? state)
    {
        ArgumentNullException.ThrowIfNull(record);
        return context.Definition.Variant == DiagramVariant.Branches ? PriceMapping.MapBranch(record.Item, record.Branch) : PriceMapping.MapMain(record.Item, record.Branch.ErpBranchCode);
    }

    protected override DateTimeOffset ChangedAt(Row record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Item.MaxChangeFilterDate;
    }

    /// <summary>A price-table item with the branch it was read for.</summary>
    public sealed record Row(ErpPriceTableItem Item, BranchOptions Branch);
}
