using System.Globalization;

namespace IpaasMonitor.Sandbox.Erp;

/// <summary>EAN-13 check digit (GS1: weights 1 and 3 from the left over the first 12 digits).</summary>
public static class Ean
{
    public static int CheckDigit(string first12)
    {
        ArgumentNullException.ThrowIfNull(first12);
        if (first12.Length != 12 || !first12.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Expected 12 digits.", nameof(first12));
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (first12[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return (10 - (sum % 10)) % 10;
    }

    public static bool IsValid(string? ean) =>
        ean is { Length: 13 } && ean.All(char.IsAsciiDigit) && CheckDigit(ean[..12]) == ean[12] - '0';

    internal static string Make(long body, bool valid = true)
    {
        var first12 = (789_000_000_000L + (body % 1_000_000_000L)).ToString(CultureInfo.InvariantCulture);
        var digit = CheckDigit(first12);
        if (!valid)
        {
            digit = (digit + 1) % 10;
        }

        return first12 + digit.ToString(CultureInfo.InvariantCulture);
    }
}
