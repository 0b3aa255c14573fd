using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpaasMonitor.Connectors.Erp;

/// <summary>JSON conventions of TOTVS Moda API v2: camelCase, nulls omitted, dates with offset, strict reading.</summary>
public static class ErpJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A null for a non-nullable property, or a missing 'required' one, fails that item (reported per item).
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
            // A property twice in one record is refused (the reader names it first: see ErpRecordProblem).
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new ErpDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
