using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Vtex.Catalog;

/// <summary>
/// Body of <c>POST /api/catalog/pvt/category</c> (with <see cref="Id"/>) and <c>PUT …/category/{id}</c> (without: the
/// PUT schema has no Id), also read from GET. VTEX lists almost every field as required, legacy ones included, so all are sent.
/// </summary>
public sealed record VtexCategory
{
    /// <summary>Our own id on create (the ERP code); left out on update.</summary>
    [JsonPropertyName("Id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Id { get; init; }

    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("Keywords")]
    public string Keywords { get; init; } = "";

    [JsonPropertyName("Title")]
    public string Title { get; init; } = "";

    [JsonPropertyName("Description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("AdWordsRemarketingCode")]
    public string? AdWordsRemarketingCode { get; init; }

    [JsonPropertyName("LomadeeCampaignCode")]
    public string? LomadeeCampaignCode { get; init; }

    /// <summary>Null makes a department.</summary>
    [JsonPropertyName("FatherCategoryId")]
    public int? FatherCategoryId { get; init; }

    [JsonPropertyName("GlobalCategoryId")]
    public int GlobalCategoryId { get; init; }

    [JsonPropertyName("ShowInStoreFront")]
    public bool ShowInStoreFront { get; init; }

    /// <summary>An inactive category's products are not indexed.</summary>
    [JsonPropertyName("IsActive")]
    public bool IsActive { get; init; }

    [JsonPropertyName("ActiveStoreFrontLink")]
    public bool ActiveStoreFrontLink { get; init; }

    [JsonPropertyName("ShowBrandFilter")]
    public bool ShowBrandFilter { get; init; }

    /// <summary>Integer on PUT (not nullable there), so never null here.</summary>
    [JsonPropertyName("Score")]
    public int Score { get; init; }

    [JsonPropertyName("StockKeepingUnitSelectionMode")]
    public string StockKeepingUnitSelectionMode { get; init; } = "SPECIFICATION";
}

/// <summary>
/// Body of <c>POST /api/catalog/pvt/product</c> (the CategoryId + BrandId form) and <c>PUT …/product/{id}</c>, and the
/// answer of GET and <c>productgetbyrefid</c>. PUT is a full replace: read, change what the ERP owns, send everything.
/// Optional members the schema types as non-nullable are left out when null rather than sent as null.
/// </summary>
public sealed record VtexProduct
{
    [JsonPropertyName("Id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Id { get; init; }

    /// <summary>At most 150 characters.</summary>
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("DepartmentId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DepartmentId { get; init; }

    [JsonPropertyName("CategoryId")]
    public int CategoryId { get; init; }

    [JsonPropertyName("BrandId")]
    public int BrandId { get; init; }

    [JsonPropertyName("LinkId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LinkId { get; init; }

    /// <summary>Unique; at most 100 characters. The hub uses the ERP reference code.</summary>
    [JsonPropertyName("RefId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefId { get; init; }

    [JsonPropertyName("IsVisible")]
    public bool IsVisible { get; init; }

    [JsonPropertyName("Description")]
    public string? Description { get; init; }

    [JsonPropertyName("DescriptionShort")]
    public string? DescriptionShort { get; init; }

    [JsonPropertyName("ReleaseDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReleaseDate { get; init; }

    [JsonPropertyName("KeyWords")]
    public string? KeyWords { get; init; }

    [JsonPropertyName("Title")]
    public string? Title { get; init; }

    [JsonPropertyName("IsActive")]
    public bool IsActive { get; init; }

    [JsonPropertyName("TaxCode")]
    public string? TaxCode { get; init; }

    [JsonPropertyName("MetaTagDescription")]
    public string? MetaTagDescription { get; init; }

    [JsonPropertyName("SupplierId")]
    public int? SupplierId { get; init; }

    [JsonPropertyName("ShowWithoutStock")]
    public bool ShowWithoutStock { get; init; }

    [JsonPropertyName("AdWordsRemarketingCode")]
    public string? AdWordsRemarketingCode { get; init; }

    [JsonPropertyName("LomadeeCampaignCode")]
    public string? LomadeeCampaignCode { get; init; }

    [JsonPropertyName("Score"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Score { get; init; }

    /// <summary>Copy fit for a POST or PUT body: no null where the schema wants a string, no Id on update.</summary>
    public VtexProduct ForWrite(bool create) => this with
    {
        Id = create ? Id : null,
        Description = Description ?? "",
        DescriptionShort = DescriptionShort ?? "",
        KeyWords = KeyWords ?? "",
        Title = Title ?? "",
        TaxCode = TaxCode ?? "",
        MetaTagDescription = MetaTagDescription ?? "",
    };
}

/// <summary>
/// Body of <c>POST /api/catalog/pvt/stockkeepingunit</c> and <c>PUT …/stockkeepingunit/{id}</c>, and the answer of GET.
/// A SKU is created inactive (<see cref="IsActive"/> true on create is a 400) and activates with its first image when
/// <see cref="ActivateIfPossible"/>; a PUT must repeat <see cref="IsActive"/> or the SKU is deactivated.
/// </summary>
public sealed record VtexSku
{
    [JsonPropertyName("Id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Id { get; init; }

    [JsonPropertyName("ProductId")]
    public int ProductId { get; init; }

    [JsonPropertyName("IsActive")]
    public bool IsActive { get; init; }

    [JsonPropertyName("ActivateIfPossible")]
    public bool ActivateIfPossible { get; init; }

    /// <summary>At most 200 characters.</summary>
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    /// <summary>Unique; at most 50 characters. The hub uses the ERP productCode.</summary>
    [JsonPropertyName("RefId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefId { get; init; }

    [JsonPropertyName("PackagedHeight")]
    public double PackagedHeight { get; init; }

    [JsonPropertyName("PackagedLength")]
    public double PackagedLength { get; init; }

    [JsonPropertyName("PackagedWidth")]
    public double PackagedWidth { get; init; }

    /// <summary>In the store's weight unit (grams by default); an integer in the schema; never 0.</summary>
    [JsonPropertyName("PackagedWeightKg")]
    public double PackagedWeightKg { get; init; }

    [JsonPropertyName("Height"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Height { get; init; }

    [JsonPropertyName("Length"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Length { get; init; }

    [JsonPropertyName("Width"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Width { get; init; }

    [JsonPropertyName("WeightKg"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? WeightKg { get; init; }

    [JsonPropertyName("CubicWeight"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CubicWeight { get; init; }

    [JsonPropertyName("IsKit")]
    public bool IsKit { get; init; }

    [JsonPropertyName("RewardValue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RewardValue { get; init; }

    [JsonPropertyName("EstimatedDateArrival")]
    public string? EstimatedDateArrival { get; init; }

    [JsonPropertyName("ManufacturerCode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ManufacturerCode { get; init; }

    /// <summary>Never 0 (use 1).</summary>
    [JsonPropertyName("CommercialConditionId")]
    public int CommercialConditionId { get; init; } = 1;

    [JsonPropertyName("MeasurementUnit")]
    public string MeasurementUnit { get; init; } = "un";

    [JsonPropertyName("UnitMultiplier")]
    public double UnitMultiplier { get; init; } = 1;

    [JsonPropertyName("ModalType")]
    public string? ModalType { get; init; }

    [JsonPropertyName("KitItensSellApart")]
    public bool KitItensSellApart { get; init; }

    /// <summary>Read-only for the hub (returned by GET; the schema accepts it, but it is never sent).</summary>
    [JsonPropertyName("CreationDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreationDate { get; init; }

    [JsonPropertyName("Videos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Videos { get; init; }
}

/// <summary>A specification field as listed by <c>GET /api/catalog_system/pub/specification/field/listByCategoryId/{categoryId}</c>.</summary>
public sealed record VtexSpecificationFieldInfo
{
    [JsonPropertyName("FieldId")]
    public int FieldId { get; init; }

    [JsonPropertyName("Name")]
    public string? Name { get; init; }

    [JsonPropertyName("CategoryId")]
    public int? CategoryId { get; init; }

    [JsonPropertyName("IsActive")]
    public bool IsActive { get; init; }

    [JsonPropertyName("IsStockKeepingUnit")]
    public bool IsStockKeepingUnit { get; init; }
}

/// <summary>Body of <c>POST /api/catalog/pvt/specificationgroup</c>; the answer adds <see cref="Id"/>.</summary>
public sealed record VtexSpecificationGroup
{
    [JsonPropertyName("Id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Id { get; init; }

    [JsonPropertyName("CategoryId")]
    public int CategoryId { get; init; }

    [JsonPropertyName("Name")]
    public required string Name { get; init; }
}

/// <summary>
/// Body of <c>POST /api/catalog/pvt/specification</c>; the answer adds <see cref="Id"/>. <see cref="FieldTypeId"/>: 1 Text,
/// 2 Multi-line, 4 Number, 5 Combo, 6 Radio, 7 Checkbox; an SKU specification must be Combo or Radio.
/// </summary>
public sealed record VtexSpecificationField
{
    [JsonPropertyName("Id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Id { get; init; }

    [JsonPropertyName("FieldTypeId")]
    public int FieldTypeId { get; init; }

    [JsonPropertyName("CategoryId")]
    public int CategoryId { get; init; }

    [JsonPropertyName("FieldGroupId")]
    public int FieldGroupId { get; init; }

    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("IsFilter")]
    public bool IsFilter { get; init; }

    [JsonPropertyName("IsRequired")]
    public bool IsRequired { get; init; }

    [JsonPropertyName("IsOnProductDetails")]
    public bool IsOnProductDetails { get; init; }

    [JsonPropertyName("IsStockKeepingUnit")]
    public bool IsStockKeepingUnit { get; init; }

    [JsonPropertyName("IsActive")]
    public bool IsActive { get; init; }
}

/// <summary>A value of a Combo/Radio/Checkbox field, as listed by <c>GET /api/catalog_system/pub/specification/fieldvalue/{fieldId}</c>.</summary>
public sealed record VtexSpecificationValueInfo
{
    [JsonPropertyName("FieldValueId")]
    public int FieldValueId { get; init; }

    [JsonPropertyName("Value")]
    public string? Value { get; init; }

    [JsonPropertyName("IsActive")]
    public bool IsActive { get; init; }
}

/// <summary>Body of <c>POST /api/catalog/pvt/specificationvalue</c>; the answer adds <see cref="FieldValueId"/>.</summary>
public sealed record VtexSpecificationValue
{
    [JsonPropertyName("FieldValueId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public int FieldValueId { get; init; }

    [JsonPropertyName("FieldId")]
    public int FieldId { get; init; }

    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("IsActive")]
    public bool IsActive { get; init; }
}

/// <summary>One entry of <c>POST /api/catalog_system/pvt/products/{productId}/specification</c> (values overwrite).</summary>
public sealed record VtexProductSpecification
{
    /// <summary>The field id.</summary>
    [JsonPropertyName("Id")]
    public int Id { get; init; }

    [JsonPropertyName("Value")]
    public required IReadOnlyList<string> Value { get; init; }
}

/// <summary>An SKU specification association (<c>…/stockkeepingunit/{skuId}/specification</c>).</summary>
public sealed record VtexSkuSpecification
{
    [JsonPropertyName("Id")]
    public int Id { get; init; }

    [JsonPropertyName("SkuId")]
    public int SkuId { get; init; }

    [JsonPropertyName("FieldId")]
    public int FieldId { get; init; }

    [JsonPropertyName("FieldValueId")]
    public int? FieldValueId { get; init; }

    [JsonPropertyName("Text")]
    public string? Text { get; init; }
}

/// <summary>Body of <c>POST /api/catalog/pvt/stockkeepingunit/{skuId}/specification</c>.</summary>
public sealed record VtexSkuSpecificationAssociation(
    [property: JsonPropertyName("FieldId")] int FieldId,
    [property: JsonPropertyName("FieldValueId")] int FieldValueId);

/// <summary>Body of <c>PUT /api/catalog/pvt/stockkeepingunit/{skuId}/specification</c>: only the value of an association changes.</summary>
public sealed record VtexSkuSpecificationUpdate(
    [property: JsonPropertyName("Id")] int Id,
    [property: JsonPropertyName("FieldId")] int FieldId,
    [property: JsonPropertyName("FieldValueId")] int FieldValueId);

/// <summary>An SKU complement: <see cref="ComplementTypeId"/> 1 accessory, 2 suggestion, 3 similar, 5 show together.</summary>
public sealed record VtexSkuComplement
{
    [JsonPropertyName("Id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public int Id { get; init; }

    [JsonPropertyName("ParentSkuId")]
    public int ParentSkuId { get; init; }

    [JsonPropertyName("SkuId")]
    public int SkuId { get; init; }

    [JsonPropertyName("ComplementTypeId")]
    public int ComplementTypeId { get; init; }
}

/// <summary>A link of a product to a trade policy (<c>GET …/product/{productId}/salespolicy</c>).</summary>
public sealed record VtexProductTradePolicy(
    [property: JsonPropertyName("ProductId")] int ProductId,
    [property: JsonPropertyName("StoreId")] int StoreId);
