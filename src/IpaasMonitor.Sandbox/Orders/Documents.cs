using System.Globalization;
using System.Text;

namespace IpaasMonitor.Sandbox.Orders;

/// <summary>Brazilian identifiers the sandbox generates: CPF, CNPJ (mod 11), EAN-13 and the NF-e access key (totvs-side.md §4).</summary>
public static class Documents
{
    /// <summary>An 11-digit CPF with valid check digits, or with the last digit wrong when <paramref name="valid"/> is false.</summary>
    public static string Cpf(Random random, bool valid = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        var digits = new int[11];
        do
        {
            for (var i = 0; i < 9; i++)
            {
                digits[i] = random.Next(10);
            }
        }
        while (digits.Take(9).Distinct().Count() == 1);
        digits[9] = CpfDigit(digits, 9);
        digits[10] = CpfDigit(digits, 10);
        if (!valid)
        {
            digits[10] = (digits[10] + 1) % 10;
        }

        return string.Concat(digits);
    }

    /// <summary>A 14-digit CNPJ with valid check digits (branch 0001).</summary>
    public static string Cnpj(Random random, bool valid = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        var builder = new StringBuilder(14);
        for (var i = 0; i < 8; i++)
        {
            builder.Append((char)('0' + random.Next(10)));
        }

        builder.Append("0001");
        var body = builder.ToString();
        var first = CnpjDigit(body);
        var second = CnpjDigit(body + first);
        var result = body + first + second;
        return valid ? result : result[..13] + (char)('0' + ((result[13] - '0' + 1) % 10));
    }

    public static bool IsValidCpf(string? cpf)
    {
        if (cpf is null || cpf.Length != 11 || !cpf.All(char.IsAsciiDigit) || cpf.Distinct().Count() == 1)
        {
            return false;
        }

        var digits = cpf.Select(c => c - '0').ToArray();
        return CpfDigit(digits, 9) == digits[9] && CpfDigit(digits, 10) == digits[10];
    }

    public static bool IsValidCnpj(string? cnpj)
    {
        if (cnpj is null || cnpj.Length != 14 || !cnpj.All(char.IsAsciiDigit) || cnpj.Distinct().Count() == 1)
        {
            return false;
        }

        return CnpjDigit(cnpj[..12]) == cnpj[12] - '0' && CnpjDigit(cnpj[..13]) == cnpj[13] - '0';
    }

    /// <summary>EAN-13 of a 12-digit body.</summary>
    public static string Ean13(long body)
    {
        var text = body.ToString("D12", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (text[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return text + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The 44-digit NF-e access key: cUF, AAMM, issuer CNPJ, model 55, series, number, tpEmis 1, cNF and the mod-11
    /// check digit (weights 2–9 from the right).
    /// </summary>
    public static string NfeAccessKey(int stateCode, DateTimeOffset issuedAt, string issuerCnpj, int series, long number, int randomCode)
    {
        ArgumentNullException.ThrowIfNull(issuerCnpj);
        var body = string.Create(CultureInfo.InvariantCulture, $"{stateCode:00}{issuedAt:yyMM}{issuerCnpj}55{series:000}{number:000000000}1{randomCode:00000000}");
        if (body.Length != 43)
        {
            throw new ArgumentException($"NF-e key body must have 43 digits, got {body.Length}.", nameof(issuerCnpj));
        }

        return body + NfeCheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }

    public static int NfeCheckDigit(string first43)
    {
        ArgumentNullException.ThrowIfNull(first43);
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

    private static int CpfDigit(int[] digits, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += digits[i] * (count + 1 - i);
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
            sum += (body[i] - '0') * weights[i];
        }

        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }
}
