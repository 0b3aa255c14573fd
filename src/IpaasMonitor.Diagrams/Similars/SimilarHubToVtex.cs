using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Similars;

/// <summary>
/// 18 - Similar-HubToVtex: complements link SKUs, not products, so each reference is represented by its first SKU in
/// VTEX. Idempotent: the parent's type-3 complements are listed, the missing links POSTed and the extra ones deleted.
/// Links to references whose SKUs are not in VTEX yet wait (the others are made now).
/// </summary>
public sealed class SimilarHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<SimilarHubToVtex.Run>(hub)
{

    protected override async Task<Run> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        var skus = await Hub.ListAsync(context.Connection.Id, HubKinds.Sku, cancellationToken);
        var representative = skus
            .Where(s => s.VtexId is not null && s.ParentKey is not null && Codes.TryParse(s.VtexId, out _))
            .GroupBy(s => s.ParentKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Codes.Parse(g.OrderBy(s => s.ErpKey.Length).ThenBy(s => s.ErpKey, StringComparer.Ordinal).First().VtexId!), StringComparer.Ordinal);
        var skusByReference = skus
            .Where(s => s.ParentKey is not null)
            .GroupBy(s => s.ParentKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.ErpKey)], StringComparer.Ordinal);
        return new Run(connectors.GetVtexCatalogClient(context.Connection.Id), representative, skusByReference);
    }

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        HubSimilar similar;
        try
        {
            similar = HubStore.Read<HubSimilar>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var payload = HubToVtex.Json(similar);
        if (!run.Representatives.TryGetValue(similar.ReferenceCode, out var parentSku))
        {
            return SendOutcome.Waiting(record, payload, run.SkusOf(similar.ReferenceCode));
        }

        var targets = similar.Similar.Where(run.Representatives.ContainsKey).ToDictionary(r => run.Representatives[r], r => r);
        var missing = similar.Similar.Where(r => !run.Representatives.ContainsKey(r)).ToList();
        var step = "GET sku/complement";
        try
        {
            var current = await run.Vtex.Complements.ListAsync(parentSku, SimilarMapping.ComplementTypeSimilar, cancellationToken);
            var created = 0;
            foreach (var skuId in targets.Keys.Where(id => current.All(c => c.SkuId != id)))
            {
                step = "POST skucomplement";
                await run.Vtex.Complements.CreateAsync(new VtexSkuComplement { ParentSkuId = parentSku, SkuId = skuId, ComplementTypeId = SimilarMapping.ComplementTypeSimilar }, cancellationToken);
                created++;
            }

            foreach (var extra in current.Where(c => !targets.ContainsKey(c.SkuId)).GroupBy(c => c.SkuId).SelectMany(g => g.Skip(targets.ContainsKey(g.Key) ? 1 : 0)))
            {
                step = "DELETE skucomplement";
                await run.Vtex.Complements.DeleteAsync(extra.Id, cancellationToken);
            }

            payload = HubToVtex.Json(new { parentSkuId = parentSku, similarSkuIds = targets.Keys.Order().ToList(), waiting = missing });
            if (missing.Count > 0)
            {
                return SendOutcome.Waiting(record, payload, $"SKU da(s) referência(s) similar(es) {string.Join(", ", missing)}", [.. missing.Select(run.SkusOf)]);
            }

            var component = created > 0 || record.SentHash is null ? MessageComponents.Created : MessageComponents.Updated;
            return SendOutcome.Sent(ItemResult.Ok(component, record.ErpKey, payload), HubMark.Sent(record, TextRules.Key(parentSku)));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, step, payload, ex);
        }
    }

    public sealed record Run(VtexCatalogClient Vtex, IReadOnlyDictionary<string, int> Representatives, IReadOnlyDictionary<string, IReadOnlyList<string>> SkusByReference)
    {
        /// <summary>A reference stands for "an SKU of it in VTEX": the wait is normal order while any of its SKUs is pending in the hub.</summary>
        public WaitParent SkusOf(string referenceCode) =>
            new($"SKU da referência {referenceCode}", HubKinds.Sku, SkusByReference.GetValueOrDefault(referenceCode) ?? []);
    }
}
