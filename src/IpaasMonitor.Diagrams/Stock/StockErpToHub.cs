using System.Runtime.CompilerServices;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Stock;

/// <summary>
/// 13 - Stock-ErpToHub (main branch) and 15 - BranchStock-ErpToHub (every other branch): one class, two catalogue rows
/// that differ by variant and hub kind.
/// Reads the balances changed in the window per branch; each branch maps to a VTEX warehouse in the connection.
/// </summary>
public sealed class StockErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<StockErpToHub.Row>(connectors, hub, watermarks)
{

    protected override string ReadComponent => "GET balances";

    protected override string KeyProperty => "productCode";

    protected override async IAsyncEnumerable<ErpItem<Row>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var codes = keys?.Select(Codes.Parse).Distinct().ToList();
        foreach (var branch in context.Definition.Variant.BranchesOf(context.Connection))
        {
            if (keys is not null && !keys.Any(k => !k.Contains('/', StringComparison.Ordinal) || k.EndsWith("/" + TextRules.Key(branch.ErpBranchCode), StringComparison.Ordinal)))
            {
                continue;
            }

            var stockCodes = branch.ErpStockCodes.Count == 0 ? [1] : branch.ErpStockCodes;
            await foreach (var item in erp.SearchBalancesAsync(branch.ErpBranchCode, stockCodes, window, codes, skipUnreadablePages: true, cancellationToken))
            {
                yield return item.Map(i => new Row(i, branch));
            }
        }
    }

    protected override ErpRecordMapping Map(DiagramContext context, Row record, object? state)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StockMapping.Map(record.Item, record.Branch, context.Definition.RequiredHubKind);
    }

    protected override DateTimeOffset ChangedAt(Row record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Item.MaxChangeFilterDate;
    }

    /// <summary>A balance item with the branch it was read for.</summary>
    public sealed record Row(ErpBalanceItem Item, BranchOptions Branch);
}
