namespace IpaasMonitor.Connectors.Erp;

/// <summary>One page of a TOTVS search: the envelope <c>{count, totalPages, hasNext, totalItems, items}</c>.</summary>
public sealed record ErpPage<T>(
    int Page,
    int Count,
    int TotalPages,
    bool HasNext,
    int TotalItems,
    IReadOnlyList<ErpItem<T>> Items);
