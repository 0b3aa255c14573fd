using System.Security.Cryptography;
using System.Text;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// The keyed hash of a buyer's CPF/CNPJ for the document search (ADR-019): HMAC-SHA256 of the normalised document (CPF: its
/// 11 digits; CNPJ: its 14 upper-case letters and digits), with a secret key from configuration (<c>Search:DocumentKey</c>).
/// Without the key the stored hashes cannot be tested against the billion possible CPFs.
/// </summary>
public sealed class CustomerDocumentHasher
{
    /// <summary>The shortest key accepted: 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly byte[] key;

    public CustomerDocumentHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The document search key must have at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        this.key = [.. key];
    }

    /// <summary>
    /// "123.456.789-09", "12345678909" → "12345678909"; "12.ABC.345/01DE-35" → "12ABC34501DE35". Null when the text is not
    /// shaped like a CPF (11 digits) or a CNPJ (12 letters or digits and 2 check digits) once '.', '-', '/' and spaces are
    /// taken out. The check digits are not verified: an order refused for an invalid CPF is found by that CPF too.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return null;
        }

        var builder = new StringBuilder(14);
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
            else if (c is not ('.' or '-' or '/' or ' '))
            {
                return null;
            }
        }

        var value = builder.ToString();
        return value.Length switch
        {
            11 when value.All(char.IsAsciiDigit) => value,
            14 when char.IsAsciiDigit(value[12]) && char.IsAsciiDigit(value[13]) && value.Any(char.IsAsciiDigit) => value,
            _ => null,
        };
    }

    /// <summary>The hash of a typed or stored document; null when it is not shaped like a CPF or a CNPJ.</summary>
    public byte[]? HashOf(string? document) =>
        Normalize(document) is { } normalized ? HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(normalized)) : null;
}
