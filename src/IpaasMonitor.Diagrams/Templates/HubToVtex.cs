using System.Text.Json;
using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Templates;

/// <summary>What the Hub → VTEX halves share beyond the template.</summary>
public static class HubToVtex
{
    public static string Json(object value) => JsonSerializer.Serialize(value, HubStore.Json);

    /// <summary>
    /// The message payload of a body sent to VTEX, with <paramref name="note"/> (e.g. what <see cref="Rules.VtexNames"/>
    /// removed from a name) next to it when there is one: <c>{"nota": "…", "enviado": {…}}</c>.
    /// </summary>
    public static string Json(object value, string? note) =>
        note is null ? Json(value) : JsonSerializer.Serialize(new { nota = note, enviado = value }, HubStore.Json);
}
