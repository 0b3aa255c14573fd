using System.Globalization;
using IpaasMonitor.Web.Localization;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// Alert summaries and notification texts, written by background jobs (no request culture), in the language of
/// <see cref="AlertOptions.Language"/>. The strings are the UI's (<c>AlertText.*</c> in <see cref="UiTextStrings"/>).
/// </summary>
public sealed class AlertText(IOptions<AlertOptions> options)
{
    private readonly bool english = options.Value.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public CultureInfo Culture => english ? UiText.English : UiText.Portuguese;

    public string this[string key, params object[] arguments]
    {
        get
        {
            var strings = english ? UiTextStrings.English : UiTextStrings.Portuguese;
            var template = strings.TryGetValue(key, out var value) || UiTextStrings.Portuguese.TryGetValue(key, out value) ? value : key;
            return string.Format(Culture, template, arguments);
        }
    }

    /// <summary>A UTC time in São Paulo time, as the pages show it.</summary>
    public static string Time(DateTime utc) => Monitoring.SaoPauloTime.Format(utc);
}
