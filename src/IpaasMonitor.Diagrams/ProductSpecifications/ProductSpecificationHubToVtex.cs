using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Categories;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Products;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Specifications;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.ProductSpecifications;

/// <summary>
/// 08 - ProductSpecification-HubToVtex: sets the product's specification values with the legacy route, which
/// overwrites (safe to repeat). Fields are text fields of the product's department, found by name or created once.
/// A product not yet in VTEX waits.
/// </summary>
public sealed class ProductSpecificationHubToVtex(ConnectorFactory connectors, HubStore hub)
    : SpecificationHubToVtex<ProductSpecificationHubToVtex.Run>(connectors, hub, GroupName, fieldTypeId: 1, skuFields: false)
{
    public const string GroupName = "Ficha técnica";

    protected override Run NewRun(VtexCatalogClient vtex, CategoryTree tree, SpecificationCatalog fields, string connectionId) => new(vtex, tree, fields, connectionId);

    protected override async Task PreparePageAsync(Run run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken)
    {
        var products = await Hub.FindManyAsync(run.ConnectionId, HubKinds.Product, [.. page.Select(r => r.ErpKey)], cancellationToken);
        run.Products = products.ToDictionary(p => p.ErpKey, StringComparer.Ordinal);
    }

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        HubProductSpecification spec;
        try
        {
            spec = HubStore.Read<HubProductSpecification>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var payload = HubToVtex.Json(spec.Values);
        if (!run.Products.TryGetValue(record.ErpKey, out var product) || !Codes.TryParse(product.VtexId, out var productId))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"produto {record.ErpKey}", HubKinds.Product, record.ErpKey));
        }

        var category = spec.CategoryCode ?? HubStore.Read<HubProduct>(product).CategoryCode;
        if (!TryDepartment(run, category, out var departmentId))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"categoria {TextRules.Key(category)}", HubKinds.Category, TextRules.Key(category)));
        }

        var step = FieldStep;
        try
        {
            var values = new List<VtexProductSpecification>();
            foreach (var value in spec.Values)
            {
                var fieldId = await run.Fields.FieldAsync(departmentId, value.Name, cancellationToken);
                values.Add(new VtexProductSpecification { Id = fieldId, Value = [value.Value] });
            }

            payload = HubToVtex.Json(values);
            step = "POST product/specification";
            if (values.Count > 0)
            {
                await run.Vtex.Specifications.SetProductValuesAsync(productId, values, cancellationToken);
            }

            var component = record.SentHash is null ? MessageComponents.Created : MessageComponents.Updated;
            return SendOutcome.Sent(ItemResult.Ok(component, record.ErpKey, payload), HubMark.Sent(record, productId.ToString(CultureInfo.InvariantCulture)));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, step, payload, ex);
        }
    }

    public sealed class Run(VtexCatalogClient vtex, CategoryTree tree, SpecificationCatalog fields, string connectionId)
        : SpecificationRun(vtex, tree, fields, connectionId)
    {
        public IReadOnlyDictionary<string, HubRecord> Products { get; set; } = new Dictionary<string, HubRecord>();
    }
}
