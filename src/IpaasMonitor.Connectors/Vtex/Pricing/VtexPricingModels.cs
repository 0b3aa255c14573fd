using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Vtex.Pricing;

/// <summary>
/// Body of <c>PUT /pricing/prices/{itemId}</c> (money in decimal units). It replaces the whole price of the SKU: every
/// fixed price not in <see cref="FixedPrices"/> is deleted, so the caller merges the ones to keep. Absent values are
/// left out (the schema types them as non-nullable numbers).
/// </summary>
public sealed record VtexPriceUpdate
{
    [JsonPropertyName("markup"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Markup { get; init; }

    [JsonPropertyName("listPrice"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? ListPrice { get; init; }

    [JsonPropertyName("basePrice"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? BasePrice { get; init; }

    [JsonPropertyName("costPrice"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? CostPrice { get; init; }

    [JsonPropertyName("fixedPrices")]
    public IReadOnlyList<VtexFixedPrice> FixedPrices { get; init; } = [];
}

/// <summary>A fixed price of one trade policy (or price table), as in PUT prices, PATCH fixed and the GET answers.</summary>
public sealed record VtexFixedPrice
{
    [JsonPropertyName("tradePolicyId")]
    public required string TradePolicyId { get; init; }

    [JsonPropertyName("value")]
    public decimal Value { get; init; }

    [JsonPropertyName("listPrice"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? ListPrice { get; init; }

    [JsonPropertyName("minQuantity")]
    public int MinQuantity { get; init; } = 1;
}

/// <summary>An entry of <c>POST /pricing/prices/{itemId}/fixed/{priceTableId}</c> (the table is in the path).</summary>
public sealed record VtexFixedPriceEntry
{
    [JsonPropertyName("value")]
    public decimal Value { get; init; }

    [JsonPropertyName("listPrice"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? ListPrice { get; init; }

    [JsonPropertyName("minQuantity")]
    public int MinQuantity { get; init; } = 1;
}

/// <summary>The answer of <c>GET /pricing/prices/{itemId}</c>.</summary>
public sealed record VtexPrice
{
    [JsonPropertyName("itemId")]
    public string? ItemId { get; init; }

    [JsonPropertyName("listPrice")]
    public decimal? ListPrice { get; init; }

    [JsonPropertyName("costPrice")]
    public decimal? CostPrice { get; init; }

    [JsonPropertyName("markup")]
    public decimal? Markup { get; init; }

    [JsonPropertyName("basePrice")]
    public decimal? BasePrice { get; init; }

    [JsonPropertyName("fixedPrices")]
    public IReadOnlyList<VtexFixedPrice>? FixedPrices { get; init; }
}
