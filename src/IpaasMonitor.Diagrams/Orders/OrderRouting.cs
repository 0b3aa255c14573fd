using IpaasMonitor.Connectors;
using IpaasMonitor.Diagrams.Catalog;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>The connection's rule that picks the branch of an order (diagrams 29, 32/33, 36/37 serve non-main branches).</summary>
public static class OrderRouting
{
    public static int MainBranch(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Branches.Count > 0 ? connection.Branches[0].ErpBranchCode : 1;
    }

    /// <summary>Branches other than the main one (what 32 and 36 search).</summary>
    public static IReadOnlyList<int> OtherBranches(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return [.. connection.Branches.Skip(1).Select(b => b.ErpBranchCode).Distinct()];
    }

    /// <summary>The ERP branch codes a row of this variant searches: the main one, or every other one.</summary>
    public static IReadOnlyList<int> BranchCodes(ConnectionOptions connection, DiagramVariant variant) =>
        variant switch
        {
            DiagramVariant.Main => [MainBranch(connection)],
            DiagramVariant.Branches => OtherBranches(connection),
            _ => throw new InvalidOperationException("An order row that searches branches must be the main or the branch one."),
        };

    /// <summary>Which hub orders a row of this variant takes: the main branch's, the others', or (null) all.</summary>
    public static bool? IsMainBranch(DiagramVariant variant) => variant switch
    {
        DiagramVariant.Main => true,
        DiagramVariant.Branches => false,
        _ => null,
    };

    public static (int BranchCode, bool IsMain) Choose(ConnectionOptions connection, HubOrderContent content)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(content);
        var main = MainBranch(connection);
        int? chosen = connection.Orders.BranchRule switch
        {
            OrderBranchRule.Warehouse => connection.Branches
                .FirstOrDefault(b => string.Equals(b.WarehouseId, content.WarehouseId, StringComparison.Ordinal))?.ErpBranchCode,
            OrderBranchRule.ShippingState => content.Shipping.State is { } uf && connection.Orders.BranchByState.TryGetValue(uf, out var byState)
                ? byState
                : null,
            _ => null,
        };
        var branch = chosen ?? main;
        return (branch, branch == main);
    }
}
