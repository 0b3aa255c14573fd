using System.Globalization;

namespace IpaasMonitor.Diagrams.Rules;

/// <summary>Checks on ERP text fields, worded for support staff (pt-BR).</summary>
public static class TextRules
{
    /// <summary>Null when the text is usable; otherwise why not. <paramref name="what"/> names the field, e.g. "Produto 10023: o nome".</summary>
    public static string? Check(string? text, string what, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? $"{what} está vazio no ERP." : null;
        }

        if (text.Any(char.IsControl))
        {
            return $"{what} contém caracteres de controle (quebra de linha, tabulação ou invisíveis): corrija o cadastro no ERP.";
        }

        var length = text.Trim().Length;
        return length > maxLength
            ? $"{what} tem {length.ToString(CultureInfo.InvariantCulture)} caracteres; a VTEX aceita no máximo {maxLength.ToString(CultureInfo.InvariantCulture)}."
            : null;
    }

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.GetCultureInfo("pt-BR"));

    public static string Key(int code) => code.ToString(CultureInfo.InvariantCulture);
}
