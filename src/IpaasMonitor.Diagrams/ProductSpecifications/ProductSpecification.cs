using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.ProductSpecifications;

/// <summary>The additional fields of a reference, as the hub keeps them (the VTEX product specifications).</summary>
public sealed record HubProductSpecification(string RefId, int? CategoryCode, IReadOnlyList<HubSpecificationValue> Values);

public sealed record HubSpecificationValue(string Name, string Value);

/// <summary>ERP additional fields → hub → VTEX product specifications (text fields in a "Ficha técnica" group per department).</summary>
public static class ProductSpecificationMapping
{
    public const int MaxNameLength = 100;
    public const int MaxValueLength = 500;

    public static ErpRecordMapping Map(ErpReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var key = reference.ReferenceCode?.Trim() ?? "";
        if (key.Length == 0)
        {
            return ErpRecordMapping.Refused("(sem código)", "Referência sem código no ERP: o RefId da VTEX ficaria vazio.");
        }

        var values = new List<HubSpecificationValue>();
        foreach (var field in reference.AdditionalFields ?? [])
        {
            if (string.IsNullOrWhiteSpace(field.Value))
            {
                continue;
            }

            var problem = TextRules.Check(field.Name, $"Referência {key}: o nome do campo adicional {TextRules.Key(field.Code)}", MaxNameLength)
                ?? TextRules.Check(field.Value, $"Referência {key}: o valor de '{field.Name}'", MaxValueLength);
            if (problem is not null)
            {
                return ErpRecordMapping.Refused(key, problem);
            }

            values.Add(new HubSpecificationValue(field.Name!.Trim(), field.Value.Trim()));
        }

        if (values.GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return ErpRecordMapping.Refused(key, $"Referência {key}: o campo adicional '{repeated.Key}' aparece mais de uma vez.");
        }

        var content = new HubProductSpecification(key, reference.CategoryCode, values);
        return ErpRecordMapping.Ok(key, new HubEntry(HubKinds.ProductSpecification, new HubItem(key, key, content, reference.MaxChangeFilterDate.UtcDateTime)));
    }
}
