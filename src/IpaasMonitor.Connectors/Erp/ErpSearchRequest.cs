namespace IpaasMonitor.Connectors.Erp;

/// <summary>
/// The body of every TOTVS <c>POST …/search</c>: <c>{filter, option, expand, order, page, pageSize}</c>. Filter and
/// option are serialised by their runtime type; null members are left out.
/// </summary>
internal sealed record ErpSearchRequest(object Filter, object? Option, string? Order, int Page, int PageSize, string? Expand = null);
