namespace IpaasMonitor.Data.Entities;

/// <summary>Who did what, when, to which target, and why.</summary>
public sealed class AuditEntry
{
    /// <summary>Longest <see cref="Action"/> stored.</summary>
    public const int ActionMaxLength = 64;

    /// <summary>Longest <see cref="TargetType"/> stored.</summary>
    public const int TargetTypeMaxLength = 64;

    /// <summary>Longest <see cref="TargetId"/> stored.</summary>
    public const int TargetIdMaxLength = 128;

    /// <summary>Longest <see cref="Reason"/> stored (the reason dialog stops typing there).</summary>
    public const int ReasonMaxLength = 1000;

    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string UserName { get; set; } = "";

    public string Action { get; set; } = "";

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public string? Reason { get; set; }

    public string? Details { get; set; }
}
