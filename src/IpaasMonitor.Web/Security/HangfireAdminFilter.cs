using Hangfire.Dashboard;

namespace IpaasMonitor.Web.Security;

/// <summary>The Hangfire dashboard is for Admins only (checked again here, behind the endpoint's policy).</summary>
public sealed class HangfireAdminFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
    }
}
