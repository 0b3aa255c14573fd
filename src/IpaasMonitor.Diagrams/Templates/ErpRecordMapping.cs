using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Templates;

/// <summary>A hub record to upsert, with its kind (one ERP record may feed two kinds, e.g. an SKU and its price).</summary>
public sealed record HubEntry(string Kind, HubItem Item);

/// <summary>
/// How one ERP record maps into the hub: its business key (the grid's), the hub records it gives, and, when the record
/// is refused, why (pt-BR, for support staff). A refused record may still give entries (e.g. the valid branches of a balance).
/// </summary>
public sealed record ErpRecordMapping(string Key, IReadOnlyList<HubEntry> Entries, string? Error)
{
    public static ErpRecordMapping Ok(string key, params HubEntry[] entries) => new(key, entries, null);

    public static ErpRecordMapping Refused(string key, string error) => new(key, [], error);
}
