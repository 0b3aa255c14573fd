namespace IpaasMonitor.Sandbox.Erp;

/// <summary>Product category (two levels: department and category).</summary>
public sealed record ErpCategory(int Code, string Name, int? ParentCode, bool IsActive, DateTimeOffset ChangedAt);

public sealed record ErpColor(string Code, string Name);

/// <summary>Additional field of a reference (becomes a VTEX product specification).</summary>
public sealed record ErpAdditionalField(int Code, string Name, string Value);

/// <summary>A reference (product group / model): one VTEX product; its colour × size grid gives the SKUs.</summary>
public sealed record ErpReference(
    string Code,
    string Name,
    string Description,
    int BrandCode,
    int CategoryCode,
    int GridCode,
    bool IsActive,
    IReadOnlyList<ErpColor> Colors,
    IReadOnlyList<string> Sizes,
    IReadOnlyList<ErpAdditionalField> AdditionalFields,
    IReadOnlyList<string> SimilarReferences,
    DateTimeOffset ChangedAt);

/// <summary>A sellable unit (TOTVS productCode): one colour and one size of a reference; Sku is its EAN-13.</summary>
public sealed record ErpProduct(
    int Code,
    string Name,
    string Sku,
    string ReferenceCode,
    string ColorCode,
    string ColorName,
    string SizeName,
    int GridCode,
    bool IsActive,
    DateTimeOffset ChangedAt);

/// <summary>Stock of a product in one branch and stock code.</summary>
public sealed record ErpBalance(
    int ProductCode,
    int BranchCode,
    int StockCode,
    int Stock,
    int SalesOrder,
    int InputTransaction,
    int OutputTransaction,
    DateTimeOffset ChangedAt);

/// <summary>Price of a product for one branch and price code.</summary>
public sealed record ErpPrice(int ProductCode, int BranchCode, int PriceCode, decimal Price, decimal? PromotionalPrice, DateTimeOffset ChangedAt);

/// <summary>Item of a price table (table code = branch code in the sandbox: table 1 is the main branch's).</summary>
public sealed record ErpPriceTableItem(int PriceTableCode, int ProductCode, int BranchCode, decimal OriginalPrice, decimal Price, DateTimeOffset ChangedAt);
