namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>Catalog category as returned by GET /api/catalog/pvt/category/{id}.</summary>
public sealed record VtexCategory
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public int? FatherCategoryId { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Keywords { get; init; }

    public bool IsActive { get; init; }

    public string? LomadeeCampaignCode { get; init; }

    public string? AdWordsRemarketingCode { get; init; }

    public bool ShowInStoreFront { get; init; }

    public bool ShowBrandFilter { get; init; }

    public bool ActiveStoreFrontLink { get; init; }

    public int? GlobalCategoryId { get; init; }

    public string? StockKeepingUnitSelectionMode { get; init; }

    public int? Score { get; init; }

    public string? LinkId { get; init; }

    public bool HasChildren { get; init; }

    public IReadOnlyList<string> TreePath { get; init; } = [];

    public IReadOnlyList<int> TreePathIds { get; init; } = [];

    public IReadOnlyList<string> TreePathLinkIds { get; init; } = [];
}

/// <summary>Catalog product as returned by GET /api/catalog/pvt/product/{id}.</summary>
public sealed record VtexProduct
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public int DepartmentId { get; init; }

    public int CategoryId { get; init; }

    public int BrandId { get; init; }

    public string? LinkId { get; init; }

    public string? RefId { get; init; }

    public bool IsVisible { get; init; }

    public string? Description { get; init; }

    public string? DescriptionShort { get; init; }

    public string? ReleaseDate { get; init; }

    public string? KeyWords { get; init; }

    public string? Title { get; init; }

    public bool IsActive { get; init; }

    public string? TaxCode { get; init; }

    public string? MetaTagDescription { get; init; }

    public int? SupplierId { get; init; }

    public bool ShowWithoutStock { get; init; }

    public string? AdWordsRemarketingCode { get; init; }

    public string? LomadeeCampaignCode { get; init; }

    public int? Score { get; init; }
}

/// <summary>Catalog SKU as returned by GET /api/catalog/pvt/stockkeepingunit/{id}.</summary>
public sealed record VtexSku
{
    public int Id { get; init; }

    public int ProductId { get; init; }

    public bool IsActive { get; init; }

    public bool ActivateIfPossible { get; init; }

    public string Name { get; init; } = "";

    public string? RefId { get; init; }

    public double PackagedHeight { get; init; }

    public double PackagedLength { get; init; }

    public double PackagedWidth { get; init; }

    public double PackagedWeightKg { get; init; }

    public double? Height { get; init; }

    public double? Length { get; init; }

    public double? Width { get; init; }

    public double? WeightKg { get; init; }

    public double? CubicWeight { get; init; }

    public bool IsKit { get; init; }

    public string? CreationDate { get; init; }

    public double? RewardValue { get; init; }

    public string? EstimatedDateArrival { get; init; }

    public string? ManufacturerCode { get; init; }

    public int CommercialConditionId { get; init; }

    public string? MeasurementUnit { get; init; }

    public double UnitMultiplier { get; init; }

    public string? ModalType { get; init; }

    public bool KitItensSellApart { get; init; }

    public IReadOnlyList<string> Videos { get; init; } = [];
}

public sealed record VtexSpecificationGroup(int Id, int? CategoryId, string Name, int Position);

/// <summary>Specification field. FieldTypeId: 1 Text, 2 Multi-line, 4 Number, 5 Combo, 6 Radio, 7 Checkbox, 8/9 indexed text.</summary>
public sealed record VtexSpecificationField
{
    public int Id { get; init; }

    public int FieldTypeId { get; init; }

    public int? CategoryId { get; init; }

    public int FieldGroupId { get; init; }

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public int? Position { get; init; }

    public bool IsFilter { get; init; }

    public bool IsRequired { get; init; }

    public bool IsOnProductDetails { get; init; }

    public bool IsStockKeepingUnit { get; init; }

    public bool IsWizard { get; init; }

    public bool IsActive { get; init; }

    public bool IsTopMenuLinkActive { get; init; }

    public bool IsSideMenuLinkActive { get; init; }

    public string? DefaultValue { get; init; }
}

public sealed record VtexSpecificationValue(int FieldValueId, int FieldId, string Name, string? Text, bool IsActive, int Position);

public sealed record VtexProductSpecification(int Id, string Name, IReadOnlyList<string> Value);

public sealed record VtexSkuSpecification(int Id, int SkuId, int FieldId, int FieldValueId, string? Text);

public sealed record VtexSkuComplement(int Id, int SkuId, int ParentSkuId, int ComplementTypeId);

public sealed record VtexSkuFile(int Id, int ArchiveId, int SkuId, string? Name, string? Label, bool IsMain, string Url, int Position);
