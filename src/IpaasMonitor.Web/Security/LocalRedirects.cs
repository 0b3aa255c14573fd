namespace IpaasMonitor.Web.Security;

/// <summary>
/// The one local-redirect check. Every redirect target the app builds goes through <see cref="Target"/>, and
/// <see cref="UseLocalRedirectsOnly"/> passes every Location the app answers (the cookie handler's and Blazor's
/// absolute ones included) through <see cref="Localize"/>: a Location is always a path on this site, never built
/// from the request's Host header, so a forged Host is never echoed and no redirect leaves the site.
/// </summary>
public static class LocalRedirects
{
    /// <summary>Where a refused target goes: the monitor's start page.</summary>
    public const string Home = "/";

    /// <summary>Longer targets are refused (a real page address is far shorter).</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// True for a path on this site: starts with one '/', no '\' (browsers read it as '/'), no control character
    /// (CR/LF would split the header, TAB is dropped by browsers so "/&lt;TAB&gt;/host" becomes "//host").
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && url[1] == '/')
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The target when it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string Target(string? url, string fallback = Home) => IsLocal(url) ? url! : fallback;

    /// <summary>
    /// A Location the app is about to answer, made local: an absolute http(s) URL keeps only its path, query and
    /// fragment (its host came from the request or is foreign: neither is trusted); anything not local becomes Home.
    /// </summary>
    public static string Localize(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (IsLocal(location))
        {
            return location;
        }

        if (Uri.TryCreate(location, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return Target(absolute.PathAndQuery + absolute.Fragment);
        }

        return Home;
    }

    /// <summary>Rewrites the Location (and Blazor's enhanced-navigation redirect header) of every response.</summary>
    public static IApplicationBuilder UseLocalRedirectsOnly(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers.Location.ToString() is { Length: > 0 } location)
                {
                    headers.Location = Localize(location);
                }

                if (headers[EnhancedNavigationRedirect].ToString() is { Length: > 0 } enhanced)
                {
                    headers[EnhancedNavigationRedirect] = Localize(enhanced);
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    private const string EnhancedNavigationRedirect = "blazor-enhanced-nav-redirect-location";
}
