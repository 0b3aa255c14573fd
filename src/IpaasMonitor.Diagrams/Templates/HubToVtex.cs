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

    /// <summary>Records read from the hub at a time when few are sent at once.</summary>
    public const int MinPageSize = 200;

    /// <summary>
    /// Rounds of sends a page holds at full parallelism. A page ends with its slowest sends while the other workers
    /// wait (pages never overlap), so a page must be many rounds long for that tail to cost little: with 64 sends at once
    /// and pages of 200 (about three rounds), stock (14) went out at 159–170/s in the 100,000-SKU load, two thirds of
    /// what 64 sends at VTEX's latency allow (issue #17).
    /// </summary>
    public const int RoundsPerPage = 16;

    /// <summary>Records read and sent as one page when <paramref name="parallelism"/> are sent at once: at least <see cref="RoundsPerPage"/> rounds.</summary>
    public static int PageSizeFor(int parallelism) => Math.Max(MinPageSize, parallelism * RoundsPerPage);
}
