namespace IpaasMonitor.Data.Entities;

/// <summary>Who did what, when, to which target, and why.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string UserName { get; set; } = "";

    public string Action { get; set; } = "";

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public string? Reason { get; set; }

    public string? Details { get; set; }
}
