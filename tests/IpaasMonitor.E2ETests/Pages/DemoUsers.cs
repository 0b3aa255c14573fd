namespace IpaasMonitor.E2ETests.Pages;

/// <summary>The demo accounts the app seeds when the sandbox is embedded.</summary>
public static class DemoUsers
{
    public const string Viewer = "viewer@ipaasmonitor.local";
    public const string ViewerPassword = "Viewer#2026";
    public const string Operator = "operator@ipaasmonitor.local";
    public const string OperatorPassword = "Operator#2026";
}
