using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IpaasMonitor.Data.Entities;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// A failure's normalized cause: its diagram, its component, and its error text with what varies between items taken
/// out (ids, numbers, keys, quoted values), so the failures of one cause share one key whatever item they are about.
/// Computed once when a failure is recorded (<see cref="IntegrationMessage.CauseKey"/>) and read through an index by the
/// failure groups (ADR-017), never by scanning the error texts at query time.
/// </summary>
public static partial class FailureCause
{
    /// <summary>What a varying part of the text becomes.</summary>
    public const string Placeholder = "#";

    /// <summary>The normalized text of an error: its first line, varying parts replaced by <see cref="Placeholder"/>.</summary>
    public static string Normalize(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "";
        }

        var text = FirstLine(error);
        text = Quoted().Replace(text, "'" + Placeholder + "'");
        text = Guids().Replace(text, Placeholder);

        // Kept: the HTTP status after the system's name ("VTEX 503 em POST …") and the diagram a wait points to ("veja a
        // falha no diagrama 10"): they tell causes apart. Any other token with a digit, or a long hex run, is an item.
        var source = text;
        text = Tokens().Replace(text, m => IsVarying(source, m) ? Placeholder : m.Value);
        text = RepeatedPlaceholders().Replace(text, Placeholder);
        text = Spaces().Replace(text, " ").Trim();
        return text.Length <= FailureGroup.CauseMaxLength ? text : text[..FailureGroup.CauseMaxLength];
    }

    /// <summary>The cause key of a failure: 16 hex digits of a SHA-256 over diagram, component and normalized text.</summary>
    public static string KeyOf(int diagram, string component, string? error)
    {
        var source = string.Create(CultureInfo.InvariantCulture, $"{diagram}\n{component}\n{Normalize(error)}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(source), hash);
        return Convert.ToHexStringLower(hash[..(IntegrationMessage.CauseKeyLength / 2)]);
    }

    /// <summary>The first line of a reason, for the attention view's column.</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).Trim();
    }

    [GeneratedRegex("(\"[^\"]{0,200}\"|'[^']{0,200}'|«[^»]{0,200}»)")]
    private static partial Regex Quoted();

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex Guids();

    // A token: letters, digits and the joiners of ids (SKU-10012, 1234567890-01, loja_a.v2); a path is one token per segment.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-_.:][\p{L}\p{N}]+)*")]
    private static partial Regex Tokens();

    private static bool IsVarying(string text, Match token)
    {
        var value = token.Value;
        if (!value.Any(char.IsAsciiDigit))
        {
            return value.Length >= 12 && value.All(char.IsAsciiHexDigit);
        }

        var before = text.AsSpan(0, token.Index).TrimEnd();
        var isStatus = value.Length == 3 && value.All(char.IsAsciiDigit) && value[0] is >= '1' and <= '5'
            && (before.EndsWith("VTEX", StringComparison.Ordinal) || before.EndsWith("ERP", StringComparison.Ordinal)
                || before.EndsWith("HTTP", StringComparison.OrdinalIgnoreCase));
        var isDiagram = value.Length <= 2 && value.All(char.IsAsciiDigit) && before.EndsWith("diagrama", StringComparison.OrdinalIgnoreCase);
        return !isStatus && !isDiagram;
    }

    [GeneratedRegex(@"#(?:[\s,;/]*#)+")]
    private static partial Regex RepeatedPlaceholders();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
