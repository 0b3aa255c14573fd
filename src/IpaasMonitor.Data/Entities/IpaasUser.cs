using Microsoft.AspNetCore.Identity;

namespace IpaasMonitor.Data.Entities;

/// <summary>A person who uses the monitor. Roles: Viewer, Operator, Admin. Disabled = locked out indefinitely.</summary>
public sealed class IpaasUser : IdentityUser
{
    /// <summary>Longest <see cref="DisplayName"/> stored.</summary>
    public const int DisplayNameMaxLength = 128;

    public string DisplayName { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}
