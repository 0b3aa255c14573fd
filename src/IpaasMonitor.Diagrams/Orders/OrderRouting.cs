using IpaasMonitor.Connectors;

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
