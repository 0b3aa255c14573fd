using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Products;

/// <summary>
/// 06 - Product-HubToVtex: idempotent upsert by RefId (our id map first, then <c>productgetbyrefid</c>, whose 200 with
/// an empty body means "missing"): POST when absent, else full PUT over what VTEX has. A product whose brand or
/// category is not in VTEX yet waits. New or updated products are linked to the connection's trade policies.
/// </summary>
public sealed class ProductHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<ProductHubToVtex.Run>(hub)
{

    protected override async Task<Run> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        var brands = await Hub.ListAsync(context.Connection.Id, HubKinds.Brand, cancellationToken);
        var categories = await Hub.ListAsync(context.Connection.Id, HubKinds.Category, cancellationToken);
        var policies = context.Connection.Branches
            .Select(b => int.TryParse(b.TradePolicyId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0)
            .Distinct()
            .ToList();
        return new Run(
            connectors.GetVtexCatalogClient(context.Connection.Id),
            brands.Where(b => b.VtexId is not null).Select(b => b.ErpKey).ToHashSet(StringComparer.Ordinal),
            categories.Where(c => c.VtexId is not null).Select(c => c.ErpKey).ToHashSet(StringComparer.Ordinal),
            policies);
    }

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        HubProduct product;
        try
        {
            product = HubStore.Read<HubProduct>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var payload = HubToVtex.Json(ProductMapping.ToVtex(product, null), VtexNames.Note(product.Name));
        if (!run.Brands.Contains(TextRules.Key(product.BrandCode)))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"marca {TextRules.Key(product.BrandCode)}", HubKinds.Brand, TextRules.Key(product.BrandCode)));
        }

        if (!run.Categories.Contains(TextRules.Key(product.CategoryCode)))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"categoria {TextRules.Key(product.CategoryCode)}", HubKinds.Category, TextRules.Key(product.CategoryCode)));
        }

        var step = "GET product";
        try
        {
            VtexProduct? existing = null;
            if (Codes.TryParse(record.VtexId, out var knownId))
            {
                existing = await run.Vtex.Products.GetAsync(knownId, cancellationToken);
            }

            step = "GET productgetbyrefid";
            existing ??= await run.Vtex.Products.GetByRefIdAsync(product.RefId, cancellationToken);
            var body = ProductMapping.ToVtex(product, existing);
            payload = HubToVtex.Json(body, VtexNames.Note(product.Name));
            int productId;
            string component;
            if (existing?.Id is not { } id)
            {
                step = "POST product";
                var created = await run.Vtex.Products.CreateAsync(body, cancellationToken);
                productId = created.Id ?? throw new InvalidOperationException("VTEX did not return the product id.");
                component = MessageComponents.Created;
            }
            else
            {
                step = "PUT product";
                await run.Vtex.Products.UpdateAsync(id, body, cancellationToken);
                productId = id;
                component = MessageComponents.Updated;
            }

            if (run.TradePolicies.Count > 0)
            {
                step = "GET salespolicy";
                var linked = (await run.Vtex.Products.GetTradePoliciesAsync(productId, cancellationToken)).Select(p => p.StoreId).ToHashSet();
                foreach (var policy in run.TradePolicies.Where(p => !linked.Contains(p)))
                {
                    step = "POST salespolicy";
                    await run.Vtex.Products.LinkTradePolicyAsync(productId, policy, cancellationToken);
                }
            }

            return SendOutcome.Sent(ItemResult.Ok(component, record.ErpKey, payload), HubMark.Sent(record, productId.ToString(CultureInfo.InvariantCulture)));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, step, payload, ex);
        }
    }

    public sealed record Run(VtexCatalogClient Vtex, HashSet<string> Brands, HashSet<string> Categories, IReadOnlyList<int> TradePolicies);
}
