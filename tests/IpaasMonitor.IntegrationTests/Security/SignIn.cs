using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IpaasMonitor.IntegrationTests.Security;

/// <summary>Signs in through the real login form (antiforgery token included), as a browser would.</summary>
public static partial class SignIn
{
    public const string Viewer = "viewer@ipaasmonitor.local";
    public const string Operator = "operator@ipaasmonitor.local";
    public const string Admin = "admin@ipaasmonitor.local";

    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        [Viewer] = "Viewer#2026",
        [Operator] = "Operator#2026",
        [Admin] = "Admin#2026",
    };

    public static HttpClient Anonymous(IpaasMonitorApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> AsAsync(IpaasMonitorApp app, string email)
    {
        var client = Anonymous(app);
        var response = await PostLoginAsync(client, email, Passwords[email]);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Posts the login form; <paramref name="query"/> (e.g. <c>?returnUrl=%2Fx</c>) is kept on the form's URL as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string query = "")
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync("/conta/entrar" + query);
        var token = Token().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/conta/entrar" + query, form);
    }

    /// <summary>The antiforgery token of a rendered page (the sign-in form, or the sign-out form of any monitor page).</summary>
    public static string TokenIn(string page) => WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
