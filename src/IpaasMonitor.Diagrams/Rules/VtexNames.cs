using System.Globalization;
using System.Text;

namespace IpaasMonitor.Diagrams.Rules;

/// <summary>
/// Names as VTEX gets them (ADR-016): control characters (tab, line breaks, bell…) become a space or go, and invisible
/// characters that change how text is shown (bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069,
/// marks U+200E/U+200F/U+061C, zero-width characters and the BOM) are removed, then spaces are collapsed. Every VTEX body
/// that carries a name is built with <see cref="Clean"/>; <see cref="Note"/> says what was removed, for the message.
/// Markup is not cleaned here: the ERP read refuses it (<see cref="TextRules.CheckName"/>).
/// </summary>
public static class VtexNames
{
    /// <summary>The name without control or bidi/invisible characters, spaces collapsed and trimmed.</summary>
    public static string Clean(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var builder = new StringBuilder(name.Length);
        var lastWasSpace = true;
        foreach (var c in name)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (space)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>True when <see cref="Clean"/> would remove or replace something other than spaces at the ends.</summary>
    public static bool NeedsCleaning(string? name) => !string.IsNullOrEmpty(name) && name.Any(c => IsInvisible(c) || char.IsControl(c));

    /// <summary>
    /// What cleaning removed from these names, for the message (pt-BR), e.g. "Nome limpo antes do envio à VTEX:
    /// removidos U+202E (controle de direção do texto), U+0009 (caractere de controle)."; null when nothing was.
    /// </summary>
    public static string? Note(params string?[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var removed = names.Where(NeedsCleaning)
            .SelectMany(n => n!.Where(c => IsInvisible(c) || char.IsControl(c)))
            .Distinct()
            .Select(c => $"U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} ({(char.IsControl(c) ? "caractere de controle" : "controle de direção do texto ou caractere invisível")})")
            .ToList();
        return removed.Count == 0 ? null : $"Nome limpo antes do envio à VTEX: removidos {string.Join(", ", removed)}.";
    }

    /// <summary>Bidi embeddings, overrides, isolates and marks, zero-width characters and the BOM.</summary>
    public static bool IsInvisible(char c) => c is
        (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C'
        or (>= '\u200B' and <= '\u200D') or '\u2060' or '\uFEFF';
}
