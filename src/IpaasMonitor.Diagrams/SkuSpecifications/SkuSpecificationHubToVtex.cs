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

namespace IpaasMonitor.Diagrams.SkuSpecifications;

/// <summary>
/// 12 - SKUSpecification-HubToVtex: associates the SKU's colour and size ("ASSOCIATE OK"). Idempotent: the SKU's
/// associations are read first; a missing field is POSTed, a different value is PUT, an equal one is left alone, so
/// re-runs never associate a field twice. Fields and values are found by name in the department, or created once.
/// </summary>
public sealed class SkuSpecificationHubToVtex(ConnectorFactory connectors, HubStore hub)
    : SpecificationHubToVtex<SkuSpecificationHubToVtex.Run>(connectors, hub, GroupName, fieldTypeId: 6, skuFields: true)
{
    public const string GroupName = "Grade";

    protected override Run NewRun(VtexCatalogClient vtex, CategoryTree tree, SpecificationCatalog fields, string connectionId) => new(vtex, tree, fields, connectionId);

    protected override async Task PreparePageAsync(Run run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken)
    {
        run.Skus = await Hub.VtexIdsAsync(run.ConnectionId, HubKinds.Sku, [.. page.Select(r => r.ErpKey)], cancellationToken);
        var specs = page.Select(TryRead).OfType<HubSkuSpecification>().ToList();
        var products = await Hub.FindManyAsync(run.ConnectionId, HubKinds.Product, [.. specs.Where(s => s.CategoryCode is null).Select(s => s.ReferenceCode)], cancellationToken);
        run.ProductCategories = products.ToDictionary(p => p.ErpKey, p => HubStore.Read<HubProduct>(p).CategoryCode, StringComparer.Ordinal);
    }

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        HubSkuSpecification spec;
        try
        {
            spec = HubStore.Read<HubSkuSpecification>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var payload = HubToVtex.Json(new { cor = spec.Color, tamanho = spec.Size });
        if (!run.Skus.TryGetValue(record.ErpKey, out var vtexId) || !Codes.TryParse(vtexId, out var skuId))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"SKU {record.ErpKey}", HubKinds.Sku, record.ErpKey));
        }

        var categoryCode = spec.CategoryCode ?? run.ProductCategories.GetValueOrDefault(spec.ReferenceCode);
        if (!TryDepartment(run, categoryCode, out var departmentId))
        {
            return SendOutcome.Waiting(record, payload, CategoryParent(spec, run));
        }

        var step = FieldStep;
        try
        {
            var wanted = new List<VtexSkuSpecificationAssociation>();
            foreach (var (field, value) in new[] { (SkuSpecificationMapping.ColorField, spec.Color), (SkuSpecificationMapping.SizeField, spec.Size) })
            {
                var fieldId = await run.Fields.FieldAsync(departmentId, field, cancellationToken);
                wanted.Add(new VtexSkuSpecificationAssociation(fieldId, await run.Fields.ValueAsync(fieldId, value, cancellationToken)));
            }

            payload = HubToVtex.Json(wanted);
            step = "GET sku/specification";
            var current = await run.Vtex.Specifications.GetSkuSpecificationsAsync(skuId, cancellationToken);
            var component = MessageComponents.Associated;
            var associated = false;
            foreach (var association in wanted)
            {
                var existing = current.FirstOrDefault(c => c.FieldId == association.FieldId);
                if (existing is null)
                {
                    step = "POST sku/specification";
                    await run.Vtex.Specifications.AssociateSkuValueAsync(skuId, association, cancellationToken);
                    associated = true;
                }
                else if (existing.FieldValueId != association.FieldValueId)
                {
                    step = "PUT sku/specification";
                    await run.Vtex.Specifications.UpdateSkuValueAsync(skuId, new VtexSkuSpecificationUpdate(existing.Id, association.FieldId, association.FieldValueId), cancellationToken);
                    component = associated ? component : MessageComponents.Updated;
                }
            }

            return SendOutcome.Sent(ItemResult.Ok(component, record.ErpKey, payload), HubMark.Sent(record, vtexId));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, step, payload, ex);
        }
    }

    /// <summary>
    /// What a specification whose department is unknown waits for: its category, or, when the SKU does not carry one and
    /// the product is not in the hub, the product it would be read from.
    /// </summary>
    private static WaitParent CategoryParent(HubSkuSpecification spec, Run run)
    {
        var label = $"categoria do produto {spec.ReferenceCode}";
        return spec.CategoryCode is null && !run.ProductCategories.ContainsKey(spec.ReferenceCode)
            ? WaitParent.Of(label, HubKinds.Product, spec.ReferenceCode)
            : WaitParent.Of(label, HubKinds.Category, TextRules.Key(spec.CategoryCode ?? run.ProductCategories[spec.ReferenceCode]));
    }

    private static HubSkuSpecification? TryRead(HubRecord record)
    {
        try
        {
            return HubStore.Read<HubSkuSpecification>(record);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public sealed class Run(VtexCatalogClient vtex, CategoryTree tree, SpecificationCatalog fields, string connectionId)
        : SpecificationRun(vtex, tree, fields, connectionId)
    {
        public IReadOnlyDictionary<string, string> Skus { get; set; } = new Dictionary<string, string>();

        public IReadOnlyDictionary<string, int> ProductCategories { get; set; } = new Dictionary<string, int>();
    }
}
