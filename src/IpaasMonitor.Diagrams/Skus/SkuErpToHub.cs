using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Skus;

/// <summary>
/// 09 - SKU-ErpToHub: the products changed in the ERP (product-codes → products) kept in the hub, each with its main
/// price when the hub has no price for it yet (a new SKU: 10 sends the two together). A price the hub already holds
/// changes through 19 (the price tables) only: 09 re-reads the products of its 5-minute overlap on every run, and
/// would otherwise store a price change of those few products itself, the others through 19 (ADR-023 amendment).
/// </summary>
public sealed class SkuErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks)
    : ErpToHubDiagram<ErpSkuRow>(connectors, hub, watermarks)
{
    /// <summary>The SKU keys whose main price is in the hub when the run starts.</summary>
    protected override async Task<object?> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prices = await Hub.ListAsync(context.Connection.Id, HubKinds.Price, cancellationToken);
        return prices.Select(p => p.ErpKey).ToHashSet(StringComparer.Ordinal);
    }

    protected override string ReadComponent => "GET products";

    protected override string KeyProperty => "productCode";

    protected override IAsyncEnumerable<ErpItem<ErpSkuRow>> ReadAsync(
        DiagramContext context, ErpClient erp, ErpChangeFilter? window, IReadOnlyList<string>? keys, CancellationToken cancellationToken) =>
        ErpProductReader.ReadAsync(erp, MainBranch(context), window, keys, withPrices: true, cancellationToken);

    protected override ErpRecordMapping Map(DiagramContext context, ErpSkuRow record, object? state)
    {
        ArgumentNullException.ThrowIfNull(record);
        var priced = (IReadOnlySet<string>)state!;
        var row = record.MainPrice is not null && priced.Contains(TextRules.Key(record.Product.ProductCode)) ? record with { MainPrice = null } : record;
        return SkuMapping.Map(row, MainBranch(context).ErpBranchCode);
    }

    protected override DateTimeOffset ChangedAt(ErpSkuRow record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Product.MaxChangeFilterDate;
    }

    internal static BranchOptions MainBranch(DiagramContext context) =>
        context.Connection.Branches.FirstOrDefault()
        ?? throw new InvalidOperationException($"A conexão {context.Connection.Id} não tem filiais configuradas (IpaasMonitor:Connections:N:Branches).");
}
