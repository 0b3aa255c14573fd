namespace IpaasMonitor.Connectors.Erp;

/// <summary>The body of every TOTVS <c>POST …/search</c>. Filter and option are serialised by their runtime type.</summary>
internal sealed record ErpSearchRequest(object Filter, object? Option, string? Order, int Page, int PageSize);
