using System.Globalization;

namespace IpaasMonitor.Diagrams.Rules;

/// <summary>Business keys of numeric ERP codes.</summary>
public static class Codes
{
    /// <summary>The integer of a business key such as "10023" or "10023/2" (the part before the slash).</summary>
    public static int Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var head = key.Split('/', 2)[0];
        return int.TryParse(head, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? code
            : throw new FormatException($"Chave inválida: '{key}' não é um código numérico do ERP.");
    }

    public static bool TryParse(string? key, out int code) =>
        int.TryParse(key?.Split('/', 2)[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out code);
}
