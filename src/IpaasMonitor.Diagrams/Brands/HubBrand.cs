namespace IpaasMonitor.Diagrams.Brands;

/// <summary>A brand as the hub keeps it (content of the "brand" hub records).</summary>
public sealed record HubBrand(int Code, string Name, bool Active);
