namespace IpaasMonitor.Web.Security;

/// <summary>The embedded demo's accounts (README). Never created outside the demo.</summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<(string Email, string Password, string Role, string Name)> All =
    [
        ("viewer@ipaasmonitor.local", "Viewer#2026", Roles.Viewer, "Vera Viewer"),
        ("operator@ipaasmonitor.local", "Operator#2026", Roles.Operator, "Otto Operador"),
        ("admin@ipaasmonitor.local", "Admin#2026", Roles.Admin, "Ana Admin"),
    ];
}
