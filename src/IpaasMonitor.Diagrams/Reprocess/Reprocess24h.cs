using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Diagrams.Reprocess;

/// <summary>
/// 39 - Reprocess24h-ErpToVtex: once a day, re-reads from the ERP the products, SKUs, prices and stock changed in the
/// last 24 hours (without moving the pairs' watermarks), makes those hub records pending again, and sends them with the
/// pairs' own senders, in dependency order. Which pairs, and in what order, is the catalogue's
/// (<see cref="DiagramCatalog.ResendRows"/>). A safety net for changes a run missed or VTEX lost; every send is an
/// idempotent upsert, so nothing is created twice. Messages are this diagram's.
/// </summary>
public sealed class Reprocess24h(IServiceProvider services, HubStore hub) : IDiagram
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var to = context.UtcNow;
        var from = to - Window;
        var registry = services.GetRequiredService<DiagramRegistry>();
        var senders = DiagramCatalog.ResendRows.Where(IsSender).ToList();
        foreach (var reader in DiagramCatalog.ResendRows.Where(r => !IsSender(r)))
        {
            await Resendable(registry, reader).ResendAsync(context.As(reader), from, to, cancellationToken);
        }

        await hub.ResendSinceAsync(context.Connection.Id, [.. senders.Select(s => s.HubKind!)], from, cancellationToken);
        foreach (var sender in senders)
        {
            await Resendable(registry, sender).ResendAsync(context.As(sender), from, to, cancellationToken);
        }
    }

    /// <summary>A message of this diagram names the record's key; every pair that knows the key resends it.</summary>
    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var registry = services.GetRequiredService<DiagramRegistry>();
        ItemResult? last = null;
        foreach (var sender in DiagramCatalog.ResendRows.Where(IsSender))
        {
            var result = await registry.Get(sender.Number).ReprocessAsync(context.As(sender), businessKey, cancellationToken);
            if (result.Component != MessageComponents.NotInHub)
            {
                last = result;
                if (result.Situation == Data.Entities.MessageSituation.Failed)
                {
                    return result;
                }
            }
        }

        return last ?? ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"{businessKey} não está no hub como produto, SKU, preço ou estoque.");
    }

    private static bool IsSender(DiagramDefinition row) => row.Source == SystemSide.Hub;

    private static IResendable Resendable(DiagramRegistry registry, DiagramDefinition row) =>
        registry.Get(row.Number) as IResendable
        ?? throw new InvalidOperationException($"Diagram {row.Number:00} has a re-send order but cannot re-send for 39.");
}
