using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Connectors.Vtex.Pricing;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Skus;

/// <summary>
/// 10 - SKU-HubToVtex ("SKU e Preço"): idempotent upsert by RefId (our id map first, then <c>stockkeepingunit?RefId=</c>):
/// POST (inactive, ActivateIfPossible) when absent, else full PUT keeping IsActive. Right after, the SKU's pending main
/// price is PUT (branch fixed prices merged), so a new SKU is sellable in one pass; price-only changes are left to 20.
/// An SKU whose product is not in VTEX yet waits.
/// </summary>
public sealed class SkuHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<SkuHubToVtex.Run>(hub)
{
    protected override Task<Run> StartAsync(DiagramContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Run(
            connectors.GetVtexCatalogClient(context.Connection.Id),
            connectors.GetVtexPricingClient(context.Connection.Id),
            context.Connection.Id,
            [.. context.Connection.Branches.Skip(1).Select(b => b.ErpBranchCode)]));

    protected override async Task PreparePageAsync(Run run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken)
    {
        var keys = page.Select(r => r.ErpKey).ToList();
        run.Products = await Hub.VtexIdsAsync(run.ConnectionId, HubKinds.Product, [.. page.Select(r => r.ParentKey ?? "")], cancellationToken);
        var prices = await Hub.FindManyAsync(run.ConnectionId, HubKinds.Price, keys, cancellationToken);
        run.Prices = prices
            .Where(p => p.SentHash != p.ContentHash && p.FailedHash != p.ContentHash)
            .ToDictionary(p => p.ErpKey, StringComparer.Ordinal);
        run.BranchPrices = await PriceHubToVtex.BranchPricesAsync(Hub, run.ConnectionId, run.BranchCodes, keys, cancellationToken);
    }

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        HubSku sku;
        try
        {
            sku = HubStore.Read<HubSku>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        if (!run.Products.TryGetValue(sku.ReferenceCode, out var productVtexId) || !Codes.TryParse(productVtexId, out var productId))
        {
            return SendOutcome.Waiting(record, record.Content, WaitParent.Of($"produto {sku.ReferenceCode}", HubKinds.Product, sku.ReferenceCode));
        }

        var payload = HubToVtex.Json(SkuMapping.ToVtex(sku, productId, null), VtexNames.Note(sku.Name));
        var step = "GET sku";
        int skuId;
        string component;
        try
        {
            VtexSku? existing = null;
            if (Codes.TryParse(record.VtexId, out var knownId))
            {
                existing = await run.Catalog.Skus.GetAsync(knownId, cancellationToken);
            }

            step = "GET sku?RefId";
            existing ??= await run.Catalog.Skus.GetByRefIdAsync(sku.RefId, cancellationToken);
            var body = SkuMapping.ToVtex(sku, productId, existing);
            payload = HubToVtex.Json(body, VtexNames.Note(sku.Name));
            if (existing?.Id is not { } id)
            {
                step = "POST sku";
                var created = await run.Catalog.Skus.CreateAsync(body, cancellationToken);
                skuId = created.Id ?? throw new InvalidOperationException("VTEX did not return the SKU id.");
                component = MessageComponents.Created;
            }
            else
            {
                step = "PUT sku";
                await run.Catalog.Skus.UpdateAsync(id, body, cancellationToken);
                skuId = id;
                component = MessageComponents.Updated;
            }
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, step, payload, ex);
        }

        var skuMark = HubMark.Sent(record, TextRules.Key(skuId));
        if (!run.Prices.TryGetValue(record.ErpKey, out var priceRecord))
        {
            return SendOutcome.Sent(ItemResult.Ok(component, record.ErpKey, payload), skuMark);
        }

        return await SendPriceAsync(run, record, component, payload, skuMark, priceRecord, skuId, cancellationToken);
    }

    /// <summary>
    /// The SKU's main price, right after the SKU was written. When it fails, the SKU stays written (its mark is kept) and
    /// the price record stays pending (no mark), so 20 sends it on its next run; a transient failure is first tried again
    /// inside this run, the price alone (<see cref="SendOutcome.Repeat"/>, ADR-018), never the SKU a second time.
    /// </summary>
    private static async Task<SendOutcome> SendPriceAsync(
        Run run, HubRecord record, string component, string skuPayload, HubMark skuMark, HubRecord priceRecord, int skuId, CancellationToken cancellationToken)
    {
        var (pricePayload, priceMark, error) = await MainPriceSender.SendAsync(run.Pricing, priceRecord, skuId, run.BranchPrices[record.ErpKey], cancellationToken);
        var combined = $"{{\"sku\":{skuPayload},\"price\":{pricePayload}}}";
        var marks = priceMark is null ? new[] { skuMark } : [skuMark, priceMark];
        if (error is null)
        {
            return new SendOutcome(ItemResult.Ok(component, record.ErpKey, combined), marks);
        }

        var transient = error.Kind == ConnectorErrorKind.Transient;
        var next = transient ? "; o preço continua pendente e o diagrama 20 o envia na próxima execução" : "";
        return new SendOutcome(
            ItemResult.Fail(MainPriceSender.Step, record.ErpKey, combined, $"SKU gravado ({component}), mas o preço falhou: {error.Failure.ToShortMessage()}{next}", error.Failure.ResponseExcerpt),
            marks)
        {
            Transient = transient ? error : null,
            Repeat = ct => SendPriceAsync(run, record, component, skuPayload, skuMark, priceRecord, skuId, ct),
        };
    }

    public sealed class Run(VtexCatalogClient catalog, VtexPricingClient pricing, string connectionId, IReadOnlyList<int> branchCodes)
    {
        public VtexCatalogClient Catalog => catalog;

        public VtexPricingClient Pricing => pricing;

        public string ConnectionId => connectionId;

        public IReadOnlyList<int> BranchCodes => branchCodes;

        public IReadOnlyDictionary<string, string> Products { get; set; } = new Dictionary<string, string>();

        public IReadOnlyDictionary<string, HubRecord> Prices { get; set; } = new Dictionary<string, HubRecord>();

        public ILookup<string, HubRecord> BranchPrices { get; set; } = Array.Empty<HubRecord>().ToLookup(r => r.ErpKey);
    }
}
