namespace IpaasMonitor.Connectors.Erp;

/// <summary>The body of every TOTVS <c>POST …/search</c>. Filter and option are serialised by their runtime type.</summary>
internal sealed record ErpSearchRequest(object Filter, object? Option, string? Order, int Page, int PageSize, string? Expand = null);

/// <summary>What to search: filter, option, order and the comma list of sub-objects to <c>expand</c> (e.g. "items,invoices").</summary>
public sealed record ErpSearchSpec(object Filter, object? Option = null, string? Order = null, string? Expand = null);
