using System.Globalization;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Web.Security;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>How the desk pages (attention view, failure groups) write a message's integration and reason.</summary>
public static class MessageLabels
{
    /// <summary>"NN - name - connection", as the grid's INTEGRAÇÃO column.</summary>
    public static string Integration(MessageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Integration(row.Diagram, row.ConnectionId);
    }

    public static string Integration(int diagram, string connectionId) =>
        DiagramCatalog.TryGet(diagram, out var definition)
            ? definition.Label(connectionId)
            : string.Create(CultureInfo.InvariantCulture, $"{diagram:00} - ? - {connectionId}");

    /// <summary>"NN - name" of a diagram.</summary>
    public static string Diagram(int diagram) =>
        DiagramCatalog.TryGet(diagram, out var d) ? string.Create(CultureInfo.InvariantCulture, $"{d.Number:00} - {d.Name}") : diagram.ToString(CultureInfo.InvariantCulture);

    /// <summary>The reason's first line, with personal data masked (the desk pages show it to every role).</summary>
    public static string ReasonLine(string? error) =>
        error is null ? "" : PersonalDataMasker.MaskText(FailureCause.FirstLine(error));
}
