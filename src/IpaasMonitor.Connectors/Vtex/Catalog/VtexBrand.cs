using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Vtex.Catalog;

/// <summary>
/// The body of <c>POST /api/catalog/pvt/brand</c> and <c>PUT /api/catalog/pvt/brand/{brandId}</c>
/// (<c>BrandCreateUpdateRequest</c> in the Catalog API OpenAPI), also returned by GET. PUT is a full replace:
/// every property is always sent, and the non-nullable strings default to "" rather than null.
/// </summary>
public sealed record VtexBrand
{
    [JsonPropertyName("Id")]
    public required int Id { get; init; }

    /// <summary>Trim it: a trailing space makes VTEX create a different brand.</summary>
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    /// <summary>Meta description of the brand page.</summary>
    [JsonPropertyName("Text")]
    public string Text { get; init; } = "";

    [JsonPropertyName("Keywords")]
    public string Keywords { get; init; } = "";

    [JsonPropertyName("SiteTitle")]
    public string SiteTitle { get; init; } = "";

    /// <summary>Legacy; kept so a full replace does not depend on VTEX defaults.</summary>
    [JsonPropertyName("AdWordsRemarketingCode")]
    public string? AdWordsRemarketingCode { get; init; }

    /// <summary>Legacy; kept so a full replace does not depend on VTEX defaults.</summary>
    [JsonPropertyName("LomadeeCampaignCode")]
    public string? LomadeeCampaignCode { get; init; }

    [JsonPropertyName("Score")]
    public int? Score { get; init; }

    [JsonPropertyName("MenuHome")]
    public bool MenuHome { get; init; }

    /// <summary>Must be true, or the brand's products are not indexed.</summary>
    [JsonPropertyName("Active")]
    public bool Active { get; init; }

    /// <summary>Page slug (lowercase letters and hyphens). VTEX ignores a change of it on PUT (known issue).</summary>
    [JsonPropertyName("LinkId")]
    public string? LinkId { get; init; }
}
