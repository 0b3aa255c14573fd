namespace IpaasMonitor.Sandbox.Erp;

/// <summary>A brand as the fake ERP holds it (the search answers it with <c>maxChangeFilterDate</c> = <see cref="ChangedAt"/>).</summary>
public sealed record ErpBrand(int Code, string Name, bool IsActive, DateTimeOffset ChangedAt);
