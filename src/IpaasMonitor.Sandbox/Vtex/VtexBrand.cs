namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>A brand as stored by the fake VTEX catalog (property names are the API's, PascalCase).</summary>
public sealed record VtexBrand
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public string? Text { get; init; }

    public string? Keywords { get; init; }

    public string? SiteTitle { get; init; }

    public bool Active { get; init; }

    public bool MenuHome { get; init; }

    public string? AdWordsRemarketingCode { get; init; }

    public string? LomadeeCampaignCode { get; init; }

    public int? Score { get; init; }

    public string? LinkId { get; init; }
}

/// <summary>Request body of POST/PUT brand; every field optional so omitted fields can be cleared (full replace).</summary>
internal sealed class VtexBrandInput
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    public string? Text { get; set; }

    public string? Keywords { get; set; }

    public string? SiteTitle { get; set; }

    public bool? Active { get; set; }

    public bool? MenuHome { get; set; }

    public string? AdWordsRemarketingCode { get; set; }

    public string? LomadeeCampaignCode { get; set; }

    public int? Score { get; set; }

    public string? LinkId { get; set; }
}

/// <summary>Item of <c>brand/list</c>, <c>brand/pagedlist</c> and <c>catalog_system/pvt/brand/{id}</c> (camelCase in the API).</summary>
internal sealed record VtexBrandListItem(
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] int Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
    [property: System.Text.Json.Serialization.JsonPropertyName("isActive")] bool IsActive,
    [property: System.Text.Json.Serialization.JsonPropertyName("title")] string? Title,
    [property: System.Text.Json.Serialization.JsonPropertyName("metaTagDescription")] string? MetaTagDescription,
    [property: System.Text.Json.Serialization.JsonPropertyName("imageUrl")] string? ImageUrl)
{
    public static VtexBrandListItem From(VtexBrand b) => new(b.Id, b.Name, b.Active, b.SiteTitle, b.Text, null);
}
