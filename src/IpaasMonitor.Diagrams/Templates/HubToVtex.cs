using System.Text.Json;
using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Templates;

/// <summary>What the Hub → VTEX halves share beyond the template.</summary>
public static class HubToVtex
{
    public static string Json(object value) => JsonSerializer.Serialize(value, HubStore.Json);
}
