namespace IpaasMonitor.Connectors.Erp.Product;

/// <summary>
/// An item of <c>POST api/totvsmoda/product/v2/categories/search</c> (assumed endpoint; TOTVS publishes <c>GET /category</c>).
/// Names are nullable on purpose: a record without one is read, then refused by the hub's rules with a clear reason.
/// </summary>
public sealed record ErpCategory
{
    public required int Code { get; init; }

    public string? Name { get; init; }

    /// <summary>Null for a department (top level).</summary>
    public int? ParentCode { get; init; }

    public bool IsActive { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }
}

/// <summary>An item of <c>POST api/totvsmoda/product/v2/references/search</c>: the model (VTEX product) of a colour × size grid.</summary>
public sealed record ErpReference
{
    public required string ReferenceCode { get; init; }

    public string? ReferenceName { get; init; }

    public string? Description { get; init; }

    public int? BrandCode { get; init; }

    public int? CategoryCode { get; init; }

    public int? GridCode { get; init; }

    public bool IsActive { get; init; }

    public IReadOnlyList<ErpReferenceColor>? Colors { get; init; }

    public IReadOnlyList<string>? Sizes { get; init; }

    /// <summary>Only with <c>expand=additionalFields</c> (assumed name).</summary>
    public IReadOnlyList<ErpAdditionalField>? AdditionalFields { get; init; }

    /// <summary>Only with <c>expand=similarReferences</c> (assumed name): codes of related references.</summary>
    public IReadOnlyList<string>? SimilarReferences { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }
}

public sealed record ErpReferenceColor(string? ColorCode, string? ColorName);

/// <summary>An additional field of a reference or product (e.g. 1 Material, 2 Ocasião).</summary>
public sealed record ErpAdditionalField(int Code, string? Name, string? Value);

/// <summary>An item of <c>POST api/totvsmoda/product/v2/product-codes/search</c>: a changed productCode.</summary>
public sealed record ErpProductCode
{
    public required int ProductCode { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }
}

/// <summary>An item of <c>POST api/totvsmoda/product/v2/products/search</c>: the sellable unit (VTEX SKU), one colour and size.</summary>
public sealed record ErpProduct
{
    public required int ProductCode { get; init; }

    public string? ProductName { get; init; }

    /// <summary>Often the EAN-13 barcode.</summary>
    public string? ProductSku { get; init; }

    public string? ReferenceCode { get; init; }

    public string? ReferenceName { get; init; }

    public string? ColorCode { get; init; }

    public string? ColorName { get; init; }

    public string? SizeName { get; init; }

    public int? GridCode { get; init; }

    public int? BrandCode { get; init; }

    public int? CategoryCode { get; init; }

    public bool IsActive { get; init; }

    public IReadOnlyList<ErpBarCode>? BarCodes { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }
}

public sealed record ErpBarCode(string? BarCode, bool IsMain);

/// <summary>An item of <c>POST api/totvsmoda/product/v2/balances/search</c>: the balances of one product per branch and stock code.</summary>
public sealed record ErpBalanceItem
{
    public required int ProductCode { get; init; }

    public string? ProductSku { get; init; }

    public string? ReferenceCode { get; init; }

    public required IReadOnlyList<ErpBalance> Balances { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }
}

public sealed record ErpBalance
{
    public required int BranchCode { get; init; }

    public int StockCode { get; init; }

    public required decimal Stock { get; init; }

    public decimal SalesOrder { get; init; }

    public decimal InputTransaction { get; init; }

    public decimal OutputTransaction { get; init; }
}

/// <summary>An item of <c>POST api/totvsmoda/product/v2/price-tables/search</c>: a product's prices in one price table.</summary>
public sealed record ErpPriceTableItem
{
    public required int ProductCode { get; init; }

    public string? ProductSku { get; init; }

    public string? ReferenceCode { get; init; }

    public int PriceTableCode { get; init; }

    public required IReadOnlyList<ErpTablePrice> Prices { get; init; }

    public required DateTimeOffset MaxChangeFilterDate { get; init; }
}

public sealed record ErpTablePrice
{
    public required int BranchCode { get; init; }

    /// <summary>The "from" (list) price.</summary>
    public decimal? OriginalPrice { get; init; }

    public required decimal Price { get; init; }

    public int ScaleCode { get; init; }
}
