namespace IpaasMonitor.Web.Security;

/// <summary>The "Auth" section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Create the demo accounts of the README (viewer, operator, admin). Defaults to on only with the embedded sandbox.</summary>
    public bool? DemoAccounts { get; set; }

    /// <summary>The first administrator when none exists (outside the demo there is no default password).</summary>
    public FirstAdminOptions Admin { get; set; } = new();

    /// <summary>Failed sign-ins before a lockout.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts allowed per client address and per account (see <see cref="SignInRateLimit"/>).</summary>
    public SignInLimitOptions SignInLimit { get; set; } = new();

    /// <summary>
    /// A folder shared by every node where ASP.NET Core keeps the keys that sign the sign-in cookie and antiforgery
    /// tokens; set it when several nodes serve the same users (docker-compose mounts one volume in every replica),
    /// so a cookie issued by one node is accepted by the others. Null: the default per-machine key ring.
    /// </summary>
    public string? DataProtectionKeysFolder { get; set; }
}

public sealed class FirstAdminOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
