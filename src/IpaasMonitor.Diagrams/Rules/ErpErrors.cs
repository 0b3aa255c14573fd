using System.Globalization;

namespace IpaasMonitor.Diagrams.Rules;

/// <summary>
/// The grid reasons of ERP records refused before mapping, worded for a support analyst (pt-BR: field, value, what was
/// expected). The technical text behind them (System.Text.Json's message) goes to the message detail instead (ADR-016).
/// </summary>
public static class ErpErrors
{
    /// <summary>The reason of a failed message for a record that could not be read (see <c>ErpRecordProblem</c>).</summary>
    public static string InvalidRecord(string? reason) =>
        $"Registro inválido do ERP: {(string.IsNullOrWhiteSpace(reason) ? "registro ilegível." : reason)}";

    /// <summary>The reason of a failed message for a page that could not be used.</summary>
    public static string InvalidPage(int page, string? reason) =>
        $"Página {page.ToString(CultureInfo.InvariantCulture)} do ERP recusada: {(string.IsNullOrWhiteSpace(reason) ? "resposta ilegível" : reason)}. Os registros desta janela serão lidos de novo na próxima execução.";

    /// <summary>A change date later than the run's own now (plus the tolerated clock skew).</summary>
    public static string FutureChange(string field, DateTimeOffset value, DateTime nowUtc) =>
        $"Registro inválido do ERP: campo '{field}' com a data {value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}, no futuro; "
        + $"esperado uma data até o momento da leitura ({nowUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC). "
        + "O registro não foi gravado e a marca d'água não passa do momento da leitura.";

    /// <summary>Records whose parents lead back to themselves, e.g. "ciclo de categorias: 10 → 20 → 10".</summary>
    public static string ParentCycle(string what, IEnumerable<string> cycle) =>
        $"Registro inválido do ERP: ciclo de {what}: {string.Join(" → ", cycle)}; esperado que a cadeia de pais termine num registro sem pai. Corrija o pai no ERP.";
}
