namespace IpaasMonitor.Web.Monitoring;

/// <summary>
/// Who is acting and what they may do, read from the circuit's authentication state. Components call
/// <see cref="DemandAsync"/> before an operator or admin action: hiding a button is not a permission.
/// </summary>
public interface ICurrentUser
{
    Task<string> GetUserNameAsync();

    Task<bool> IsAllowedAsync(string policy);

    /// <summary>The user's name when the policy allows the action; throws <see cref="UnauthorizedAccessException"/> otherwise.</summary>
    Task<string> DemandAsync(string policy);
}
