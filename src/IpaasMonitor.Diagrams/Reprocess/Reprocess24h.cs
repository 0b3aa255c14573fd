using IpaasMonitor.Diagrams.Common;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Prices;
using IpaasMonitor.Diagrams.Products;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Skus;
using IpaasMonitor.Diagrams.Stock;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Diagrams.Reprocess;

/// <summary>
/// 39 - Reprocess24h-ErpToVtex: once a day, re-reads from the ERP the products, SKUs, prices and stock changed in the
/// last 24 hours (without moving the pairs' watermarks), makes those hub records pending again, and sends them with the
/// pairs' own senders, in dependency order. A safety net for changes a run missed or VTEX lost; every send is an
/// idempotent upsert, so nothing is created twice. Messages are this diagram's.
/// </summary>
public sealed class Reprocess24h(IServiceProvider services, HubStore hub) : IDiagram
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>ERP → Hub diagrams re-read, in order.</summary>
    public static readonly IReadOnlyList<int> Readers = [5, 9, 19, 21, 13, 15];

    /// <summary>Hub → VTEX diagrams that resend, in dependency order.</summary>
    public static readonly IReadOnlyList<int> Senders = [6, 10, 20, 22, 14, 16];

    private static readonly string[] Kinds = [HubKinds.Product, HubKinds.Sku, HubKinds.Price, HubKinds.BranchPrice, HubKinds.Stock, HubKinds.BranchStock];

    public IReadOnlyCollection<int> Numbers { get; } = [39];

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var to = context.UtcNow;
        var from = to - Window;
        var registry = services.GetRequiredService<DiagramRegistry>();
        foreach (var number in Readers)
        {
            await ReadAsync(registry.Get(number), context, from, to, cancellationToken);
        }

        await hub.ResendSinceAsync(context.Connection.Id, Kinds, from, cancellationToken);
        foreach (var number in Senders)
        {
            await SendAsync(registry.Get(number), context, cancellationToken);
        }
    }

    /// <summary>A message of this diagram names the record's key; every pair that knows the key resends it.</summary>
    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var registry = services.GetRequiredService<DiagramRegistry>();
        ItemResult? last = null;
        foreach (var number in Senders)
        {
            var result = await registry.Get(number).ReprocessAsync(context, businessKey, cancellationToken);
            if (result.Component != "GET hub")
            {
                last = result;
                if (result.Situation == Data.Entities.MessageSituation.Failed)
                {
                    return result;
                }
            }
        }

        return last ?? ItemResult.Fail("GET hub", businessKey, null, $"{businessKey} não está no hub como produto, SKU, preço ou estoque.");
    }

    private static Task ReadAsync(IDiagram diagram, DiagramContext context, DateTime from, DateTime to, CancellationToken cancellationToken) => diagram switch
    {
        ProductErpToHub d => d.ReadWindowAsync(context, from, to, cancellationToken),
        SkuErpToHub d => d.ReadWindowAsync(context, from, to, cancellationToken),
        PriceTableErpToHub d => d.ReadWindowAsync(context, from, to, cancellationToken),
        StockErpToHub d => d.ReadWindowAsync(context, from, to, cancellationToken),
        _ => throw new InvalidOperationException($"Diagram {diagram.GetType().Name} cannot be re-read by 39."),
    };

    private static Task SendAsync(IDiagram diagram, DiagramContext context, CancellationToken cancellationToken) => diagram switch
    {
        ProductHubToVtex d => d.SendPendingAsync(context, cancellationToken),
        SkuHubToVtex d => d.SendPendingAsync(context, cancellationToken),
        PriceHubToVtex d => d.SendPendingAsync(context, cancellationToken),
        BranchPriceHubToVtex d => d.SendPendingAsync(context, cancellationToken),
        StockHubToVtex d => d.SendPendingAsync(context, cancellationToken),
        _ => throw new InvalidOperationException($"Diagram {diagram.GetType().Name} cannot resend for 39."),
    };
}
