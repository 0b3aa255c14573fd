namespace IpaasMonitor.Diagrams.Hub;

/// <summary>One ERP record normalised for the hub: its key, its parent's key, its content and its ERP change date.</summary>
public sealed record HubItem(string ErpKey, string? ParentKey, object Content, DateTime ErpChangedAtUtc);
