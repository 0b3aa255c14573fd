using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Vtex;

/// <summary>
/// JSON for VTEX bodies. Property names come from <c>[JsonPropertyName]</c> on each DTO (the catalog uses
/// PascalCase, pricing and OMS camelCase). Nulls are written: VTEX updates are full replaces.
/// </summary>
public static class VtexJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
