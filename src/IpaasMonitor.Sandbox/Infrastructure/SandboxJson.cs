using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>JSON settings per side, independent of the hosting app's global JSON options.</summary>
internal static class SandboxJson
{
    /// <summary>TOTVS Moda: camelCase.</summary>
    public static readonly JsonSerializerOptions Erp = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>VTEX: property names as declared (PascalCase for catalog, camelCase via attributes elsewhere).</summary>
    public static readonly JsonSerializerOptions Vtex = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The sandbox's own control endpoints.</summary>
    public static readonly JsonSerializerOptions Control = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
