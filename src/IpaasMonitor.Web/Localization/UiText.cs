using System.Globalization;
using IpaasMonitor.Data.Monitoring;
using Microsoft.Extensions.Localization;

namespace IpaasMonitor.Web.Localization;

/// <summary>
/// The monitor's UI strings: pt-BR by default, English when the request culture is English
/// (<c>?culture=en</c> or the culture cookie, see <see cref="Hosting.MonitorUiExtensions"/>). A dictionary per
/// language keeps it in one reviewable file; it is an <see cref="IStringLocalizer"/>, so .resx files can
/// replace it without touching the pages.
/// </summary>
public sealed class UiText : IStringLocalizer
{
    public static readonly CultureInfo Portuguese = CultureInfo.GetCultureInfo("pt-BR");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>English number format with the real's symbol: amounts are always in BRL.</summary>
    private static readonly NumberFormatInfo EnglishReais = Reais(English);

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var found = Strings().TryGetValue(name, out var value) || UiTextStrings.Portuguese.TryGetValue(name, out value);
            return new LocalizedString(name, value ?? name, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(NumberCulture, template.Value, arguments), template.ResourceNotFound);
        }
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The culture numbers are written in (1.234 in pt-BR, 1,234 in English).</summary>
    public static CultureInfo NumberCulture => IsEnglish ? English : Portuguese;

    /// <summary>"1.234", or "mais de 10.000" when the count stopped at its limit.</summary>
    public string Count(BoundedCount count)
    {
        var number = count.Value.ToString("N0", NumberCulture);
        return count.IsLowerBound ? this["Count.MoreThan", number] : number;
    }

    /// <summary>Cents in reais: "R$ 1.234,56" in pt-BR, "R$1,234.56" in English.</summary>
    public static string Money(long cents) =>
        (cents / 100m).ToString("C", IsEnglish ? EnglishReais : Portuguese.NumberFormat);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Strings().Select(p => new LocalizedString(p.Key, p.Value));

    private static NumberFormatInfo Reais(CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "R$";
        return NumberFormatInfo.ReadOnly(format);
    }

    private static IReadOnlyDictionary<string, string> Strings() => IsEnglish ? UiTextStrings.English : UiTextStrings.Portuguese;
}
