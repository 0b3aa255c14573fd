using System.Globalization;

namespace IpaasMonitor.Diagrams.Rules;

/// <summary>Checks on ERP text fields, worded for support staff (pt-BR).</summary>
public static class TextRules
{
    /// <summary>
    /// Null when the text is usable; otherwise why not. <paramref name="what"/> names the field, e.g. "Produto 10023: a
    /// referência". For codes and values: control and invisible direction characters are refused (names are cleaned
    /// instead: <see cref="CheckName"/>).
    /// </summary>
    public static string? Check(string? text, string what, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? $"{what} está vazio no ERP." : null;
        }

        if (text.Any(c => char.IsControl(c) || VtexNames.IsInvisible(c)))
        {
            return $"{what} contém caracteres de controle (quebra de linha, tabulação ou invisíveis): corrija o cadastro no ERP.";
        }

        var length = text.Trim().Length;
        return length > maxLength
            ? $"{what} tem {length.ToString(CultureInfo.InvariantCulture)} caracteres; a VTEX aceita no máximo {maxLength.ToString(CultureInfo.InvariantCulture)}."
            : null;
    }

    /// <summary>
    /// Null when a name (brand, category, product, SKU, description) is usable; otherwise why not. Control and bidi
    /// characters are not a refusal: they are removed before VTEX (<see cref="VtexNames"/>), so the check is on the
    /// cleaned name. Markup (an HTML tag, e.g. "&lt;b&gt;" or "&lt;script&gt;") is refused: VTEX shows names in the store,
    /// and stripping it would change the name in a way nobody chose (ADR-016).
    /// </summary>
    public static string? CheckName(string? text, string what, int maxLength, bool required = true)
    {
        var clean = VtexNames.Clean(text);
        if (clean.Length == 0)
        {
            return required ? $"{what} está vazio no ERP." : null;
        }

        if (Markup(clean) is { } tag)
        {
            return $"{what} contém marcação HTML ({tag}); esperado texto simples: corrija o cadastro no ERP.";
        }

        return clean.Length > maxLength
            ? $"{what} tem {clean.Length.ToString(CultureInfo.InvariantCulture)} caracteres; a VTEX aceita no máximo {maxLength.ToString(CultureInfo.InvariantCulture)}."
            : null;
    }

    /// <summary>The first HTML-like tag or entity in the text ("&lt;b&gt;", "&lt;/script&gt;", "&lt;!--", "&amp;lt;"); null when there is none.</summary>
    public static string? Markup(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '<' && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?'))
            {
                var end = text.IndexOf('>', i);
                var tag = end < 0 ? text[i..Math.Min(text.Length, i + 20)] : text[i..Math.Min(end + 1, i + 40)];
                return $"'{tag}'";
            }

            if (text[i] == '&' && text.IndexOf(';', i) is var semi && semi > i + 1 && semi - i <= 8 && text[(i + 1)..semi].All(c => c == '#' || char.IsAsciiLetterOrDigit(c)))
            {
                return $"'{text[i..(semi + 1)]}'";
            }
        }

        return null;
    }

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.GetCultureInfo("pt-BR"));

    public static string Key(int code) => code.ToString(CultureInfo.InvariantCulture);
}
