namespace IpaasMonitor.Connectors.Erp.Fiscal;

/// <summary>An item of <c>POST fiscal/v2/invoices/search</c> (totvs-side.md §2.7), expanded with items and salesOrder.</summary>
public sealed record ErpFiscalInvoice
{
    public required int BranchCode { get; init; }

    public int InvoiceSequence { get; init; }

    /// <summary>The NF-e number.</summary>
    public required int InvoiceCode { get; init; }

    /// <summary>The série.</summary>
    public required string SerialCode { get; init; }

    public required DateTimeOffset IssueDate { get; init; }

    public string? InvoiceStatus { get; init; }

    public decimal? ProductValue { get; init; }

    public decimal? FreightValue { get; init; }

    public required decimal TotalValue { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }

    /// <summary>Spelled <c>eletronic</c> by the fiscal API (one "c").</summary>
    public ErpEletronic? Eletronic { get; init; }

    public IReadOnlyList<ErpInvoiceSalesOrder>? SalesOrder { get; init; }

    public IReadOnlyList<ErpFiscalInvoiceItem>? Items { get; init; }
}

public sealed record ErpEletronic(string? AccessKey, string? ElectronicInvoiceStatus);

public sealed record ErpInvoiceSalesOrder(int BranchCode, int OrderCode, string? OrderId);

public sealed record ErpFiscalInvoiceItem(int ProductCode, int Quantity, decimal UnitPrice);

/// <summary>Filter of the invoice search: branches are required by TOTVS.</summary>
public sealed record ErpInvoiceFilter(
    IReadOnlyList<int> BranchCodeList,
    Product.ErpChangeFilter? Change = null,
    IReadOnlyList<int>? InvoiceCodeList = null);

/// <summary>TOTVS Moda NF-e search (fiscal/v2).</summary>
public static class ErpInvoices
{
    public const string SearchPath = "api/totvsmoda/fiscal/v2/invoices/search";

    /// <summary>Invoices matching the filter, every page (max page size 100), with their items and sales order.</summary>
    public static IAsyncEnumerable<ErpItem<ErpFiscalInvoice>> SearchInvoicesAsync(this ErpClient client, ErpInvoiceFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SearchAllAsync<ErpFiscalInvoice>(SearchPath, new ErpSearchSpec(filter, Order: "invoiceSequence", Expand: "items,salesOrder"), pageSize: 100, cancellationToken: cancellationToken);
    }
}
