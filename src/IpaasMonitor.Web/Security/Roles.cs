namespace IpaasMonitor.Web.Security;

/// <summary>The three roles and the policies built on them. Enforced on the server, not only by hiding buttons.</summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Operator = "Operator";
    public const string Admin = "Admin";

    public static readonly string[] All = [Viewer, Operator, Admin];

    /// <summary>Re-queue, discard, run now, enable or disable a diagram, reveal personal data.</summary>
    public const string OperatePolicy = "Operate";

    /// <summary>Users, audit, settings, the Hangfire dashboard.</summary>
    public const string AdminPolicy = "Administer";
}
