using System.Globalization;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>CPF, CNPJ (numeric and the alphanumeric form from July 2026) and NF-e access key checks, as the ERP validates them (docs/orders.md).</summary>
public static class BrazilianDocuments
{
    public static string Digits(string? text) => new((text ?? "").Where(char.IsAsciiDigit).ToArray());

    /// <summary>Upper-case letters and digits only (CNPJ may carry letters from July 2026).</summary>
    public static string Alphanumerics(string? text) => new((text ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public static bool IsValidCpf(string? cpf)
    {
        var digits = Digits(cpf);
        if (digits.Length != 11 || cpf!.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or '-' or ' ')) || digits.Distinct().Count() == 1)
        {
            return false;
        }

        return CpfDigit(digits, 9) == digits[9] - '0' && CpfDigit(digits, 10) == digits[10] - '0';
    }

    /// <summary>14 characters: the first 12 in [0-9A-Z] (valued ASCII − 48), the last 2 numeric mod-11 check digits.</summary>
    public static bool IsValidCnpj(string? cnpj)
    {
        var value = Alphanumerics(cnpj);
        if (value.Length != 14 || cnpj!.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '/' or '-' or ' '))
            || !char.IsAsciiDigit(value[12]) || !char.IsAsciiDigit(value[13]) || value.Distinct().Count() == 1)
        {
            return false;
        }

        return CnpjDigit(value[..12]) == value[12] - '0' && CnpjDigit(value[..13]) == value[13] - '0';
    }

    /// <summary>44 digits whose last is the mod-11 check digit (weights 2–9 from the right) of the first 43.</summary>
    public static bool IsValidNfeKey(string? key)
    {
        if (key is null || key.Length != 44 || !key.All(char.IsAsciiDigit))
        {
            return false;
        }

        return NfeCheckDigit(key.AsSpan(0, 43)) == key[43] - '0';
    }

    public static int NfeCheckDigit(ReadOnlySpan<char> first43)
    {
        var sum = 0;
        var weight = 2;
        for (var i = first43.Length - 1; i >= 0; i--)
        {
            sum += (first43[i] - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }

        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    /// <summary>"***.456.789-**" / "**.345.678/****-**": enough to recognise, not enough to identify (LGPD).</summary>
    public static string Mask(string? document)
    {
        var value = Alphanumerics(document);
        return value.Length switch
        {
            11 => string.Create(CultureInfo.InvariantCulture, $"***.{value[3..6]}.{value[6..9]}-**"),
            14 => string.Create(CultureInfo.InvariantCulture, $"**.{value[2..5]}.{value[5..8]}/****-**"),
            0 => "(vazio)",
            _ => new string('*', Math.Max(0, value.Length - 3)) + value[^Math.Min(3, value.Length)..],
        };
    }

    private static int CpfDigit(string digits, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += (digits[i] - '0') * (count + 1 - i);
        }

        var rest = sum * 10 % 11;
        return rest == 10 ? 0 : rest;
    }

    private static int CnpjDigit(string body)
    {
        int[] weights = body.Length == 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (body[i] - 48) * weights[i];
        }

        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }
}
