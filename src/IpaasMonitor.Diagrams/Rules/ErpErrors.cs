namespace IpaasMonitor.Diagrams.Rules;

/// <summary>Turns System.Text.Json's messages about an unreadable ERP record into words a support analyst can act on.</summary>
public static class ErpErrors
{
    /// <summary>The reason of a failed message for a record that could not be read.</summary>
    public static string InvalidRecord(string? error) => $"Registro inválido do ERP: {Describe(error)}";

    public static string Describe(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "registro ilegível.";
        }

        const string Missing = "missing required properties including: ";
        var missing = error.IndexOf(Missing, StringComparison.Ordinal);
        if (missing >= 0)
        {
            var names = error[(missing + Missing.Length)..].TrimEnd('.').Replace("'", "", StringComparison.Ordinal);
            return $"campo obrigatório ausente: {names}.";
        }

        var path = error.IndexOf("Path: $.", StringComparison.Ordinal);
        if (path >= 0)
        {
            var field = error[(path + 8)..].Split(' ', '|', '.')[0];
            if (error.Contains("could not be converted", StringComparison.Ordinal))
            {
                return $"campo '{field}' com valor do tipo errado ({error}).";
            }

            if (error.Contains("null", StringComparison.OrdinalIgnoreCase))
            {
                return $"campo '{field}' nulo ({error}).";
            }
        }

        return error;
    }
}
