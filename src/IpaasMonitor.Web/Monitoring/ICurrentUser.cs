namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// Who is acting, for audit entries. Reads the authentication state, so ASP.NET Identity (or any scheme)
/// slots in without changing the pages; "anonymous" until login exists.
/// </summary>
public interface ICurrentUser
{
    Task<string> GetUserNameAsync();
}
