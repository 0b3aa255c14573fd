namespace IpaasMonitor.Diagrams.Rules;

/// <summary>GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) check digit: a mistyped barcode makes the SKU unsellable on marketplaces.</summary>
public static class Ean
{
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length is not (8 or 12 or 13 or 14) || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = code.Length - 2; i >= 0; i--)
        {
            var digit = code[i] - '0';
            var weight = (code.Length - 2 - i) % 2 == 0 ? 3 : 1;
            sum += digit * weight;
        }

        var check = (10 - (sum % 10)) % 10;
        return check == code[^1] - '0';
    }
}
