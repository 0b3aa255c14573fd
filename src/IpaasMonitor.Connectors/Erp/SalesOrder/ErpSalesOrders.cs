using System.Globalization;

namespace IpaasMonitor.Connectors.Erp.SalesOrder;

/// <summary>
/// Body of <c>POST sales-order/v2/b2c-orders</c> (totvs-side.md §2.6). Exactly one of customerCode / customerCpfCnpj
/// is sent (the hub always sends the code). Money in reais (decimal).
/// </summary>
public sealed record ErpB2cOrder
{
    public required string OrderId { get; init; }

    public required int BranchCode { get; init; }

    public required DateTimeOffset OrderDate { get; init; }

    public string? CustomerOrderCode { get; init; }

    public string? IntegrationCode { get; init; }

    public required int CustomerCode { get; init; }

    public int? OperationCode { get; init; }

    public int? PaymentConditionCode { get; init; }

    public int? SellerCode { get; init; }

    public string StatusOrder { get; init; } = "InProgress";

    public int FreightType { get; init; } = 1;

    public decimal FreightValue { get; init; }

    public required decimal TotalAmountOrder { get; init; }

    public required IReadOnlyList<ErpB2cOrderItem> Items { get; init; }

    public IReadOnlyList<ErpB2cPayment> Payments { get; init; } = [];

    public ErpB2cShippingAddress? ShippingAddress { get; init; }
}

public sealed record ErpB2cOrderItem(int ProductCode, int Quantity, decimal Price);

public sealed record ErpB2cPayment(string Description, int Installments, decimal Value);

public sealed record ErpB2cShippingAddress(string Cep, string Address, string Number, string? Complement, string? Neighborhood, string? CityName, string? StateAbbreviation, string? ReceiverName);

/// <summary>Answer of b2c-orders: the ERP keys of the order.</summary>
public sealed record ErpB2cOrderResult
{
    public required int BranchCode { get; init; }

    public required int OrderCode { get; init; }

    public string? OrderId { get; init; }

    public string? StatusOrder { get; init; }
}

/// <summary>An item of <c>orders/search</c>.</summary>
public sealed record ErpSalesOrderInfo
{
    public required int BranchCode { get; init; }

    public required int OrderCode { get; init; }

    public string? OrderId { get; init; }

    public string? StatusOrder { get; init; }

    public decimal? TotalAmountOrder { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }

    public IReadOnlyList<ErpSalesOrderItem>? Items { get; init; }
}

public sealed record ErpSalesOrderItem
{
    public required int ProductCode { get; init; }

    public int Quantity { get; init; }

    public decimal? Price { get; init; }

    public int SettledQuantity { get; init; }

    public int CanceledQuantity { get; init; }

    public int PendingQuantity { get; init; }
}

/// <summary>Answer of <c>GET pending-items</c>.</summary>
public sealed record ErpPendingItems
{
    public required int BranchCode { get; init; }

    public required int OrderCode { get; init; }

    public string? StatusOrder { get; init; }

    public IReadOnlyList<ErpSalesOrderItem> Items { get; init; } = [];
}

/// <summary>Filter of orders/search: branches are required by TOTVS.</summary>
public sealed record ErpSalesOrderFilter(
    IReadOnlyList<int> BranchCodeList,
    Product.ErpChangeFilter? Change = null,
    IReadOnlyList<string>? StatusOrderList = null,
    IReadOnlyList<int>? OrderCodeList = null,
    IReadOnlyList<string>? OrderIdList = null);

/// <summary>TOTVS Moda sales orders (sales-order/v2).</summary>
public static class ErpSalesOrders
{
    public const string B2cOrdersPath = "api/totvsmoda/sales-order/v2/b2c-orders";
    public const string SearchPath = "api/totvsmoda/sales-order/v2/orders/search";
    public const string PendingItemsPath = "api/totvsmoda/sales-order/v2/pending-items";

    /// <summary>
    /// Creates the order. The ERP answers the same orderId with the existing order, so the call is safe to repeat and
    /// a retry after a lost answer never makes a second order.
    /// </summary>
    public static async Task<ErpB2cOrderResult> CreateB2cOrderAsync(this ErpClient client, ErpB2cOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(order);
        var answer = await ErpCalls.PostAsync(client, B2cOrdersPath, order, safeToRepeat: true, cancellationToken);
        return ErpCalls.Read<ErpB2cOrderResult>(answer, B2cOrdersPath, client.ConnectionId);
    }

    /// <summary>Orders matching the filter, every page; expands items.</summary>
    public static IAsyncEnumerable<ErpItem<ErpSalesOrderInfo>> SearchOrdersAsync(
        this ErpClient client, ErpSalesOrderFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SearchAllAsync<ErpSalesOrderInfo>(SearchPath, new ErpSearchSpec(filter, Order: "orderCode", Expand: "items"), pageSize: 100, cancellationToken: cancellationToken);
    }

    public static async Task<ErpPendingItems> GetPendingItemsAsync(this ErpClient client, int branchCode, int orderCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var path = string.Create(CultureInfo.InvariantCulture, $"{PendingItemsPath}?BranchCode={branchCode}&OrderCode={orderCode}");
        var answer = await ErpCalls.GetAsync(client, path, cancellationToken);
        return ErpCalls.Read<ErpPendingItems>(answer, PendingItemsPath, client.ConnectionId);
    }
}
