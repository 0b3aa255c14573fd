using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Vtex;

/// <summary>The fake VTEX side: one <see cref="VtexAccount"/> per configured account.</summary>
public sealed class VtexSandbox
{
    private readonly Dictionary<string, VtexAccount> accounts;

    internal VtexSandbox(SandboxOptions options)
    {
        accounts = options.ResolvedVtexAccounts()
            .ToDictionary(a => a.Name, a => new VtexAccount(a, options.TimeProvider), StringComparer.Ordinal);
        foreach (var account in accounts.Values)
        {
            account.ConfigureCommerce(options);
        }
    }

    public IReadOnlyCollection<string> AccountNames => accounts.Keys;

    public VtexAccount Account(string name) =>
        accounts.TryGetValue(name, out var account) ? account : throw new KeyNotFoundException($"No VTEX account '{name}' in the sandbox.");

    internal bool Has(string name) => accounts.ContainsKey(name);

    /// <summary>
    /// VTEX app-key check: missing or unknown key/token → 401; a valid key of another account, or an
    /// account marked <see cref="VtexAccount.Forbidden"/> → 403 (key without the License Manager resource).
    /// </summary>
    internal IResult? Authorize(HttpContext http, string account)
    {
        var key = http.Request.Headers["X-VTEX-API-AppKey"].ToString();
        var token = http.Request.Headers["X-VTEX-API-AppToken"].ToString();
        var target = Account(account);
        if (key.Length == 0 || token.Length == 0)
        {
            return VtexResults.Error(StatusCodes.Status401Unauthorized, "Unauthorized: X-VTEX-API-AppKey and X-VTEX-API-AppToken are required.");
        }

        var owner = accounts.Values.FirstOrDefault(a => string.Equals(a.Options.AppKey, key, StringComparison.Ordinal));
        if (owner is null || !string.Equals(owner.Options.AppToken, token, StringComparison.Ordinal))
        {
            return VtexResults.Error(StatusCodes.Status401Unauthorized, "Unauthorized: invalid appKey or appToken.");
        }

        if (!ReferenceEquals(owner, target) || target.Forbidden)
        {
            return VtexResults.Error(StatusCodes.Status403Forbidden, "Forbidden: the appKey has no role with the required resource on this account.");
        }

        return null;
    }
}

internal static class VtexResults
{
    public static IResult Ok<T>(T value) => Results.Json(value, SandboxJson.Vtex);

    /// <summary>Catalog-style error body (ASP.NET Web API shape): <c>{"Message":"…"}</c>.</summary>
    public static IResult Error(int status, string message) =>
        Results.Json(new VtexError(message), SandboxJson.Vtex, statusCode: status);

    internal sealed record VtexError(string Message);
}
