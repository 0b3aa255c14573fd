namespace IpaasMonitor.Connectors.Erp.Product;

/// <summary>An item of <c>POST api/totvsmoda/product/v2/brands/search</c>.</summary>
public sealed record ErpBrand
{
    public required int Code { get; init; }

    public required string Name { get; init; }

    public bool IsActive { get; init; }

    /// <summary>Last change seen by the <c>change</c> filter; the next watermark.</summary>
    public required DateTimeOffset MaxChangeFilterDate { get; init; }
}
