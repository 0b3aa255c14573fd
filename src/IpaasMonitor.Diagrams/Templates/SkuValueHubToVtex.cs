using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Templates;

/// <summary>
/// Hub → VTEX for a value that belongs to one SKU (a warehouse's stock level, a price table's fixed price): the page's
/// SKU ids are read once, a value whose SKU is not in VTEX yet waits for it, and the write is one call that is safe to
/// repeat. A subclass says how to read its hub record, what the payload is and which call writes it.
/// </summary>
/// <typeparam name="TValue">The hub record's content.</typeparam>
/// <typeparam name="TClient">The VTEX client the write goes through.</typeparam>
public abstract class SkuValueHubToVtex<TValue, TClient>(HubStore hub) : HubToVtexDiagram<SkuValueRun<TClient>>(hub)
    where TClient : class
{
    /// <summary>The step named on a failed message (the VTEX call).</summary>
    protected abstract string WriteStep { get; }

    protected abstract TClient CreateClient(string connectionId);

    /// <summary>The grid payload of the value (what is sent).</summary>
    protected abstract object Payload(TValue value);

    protected abstract Task WriteAsync(TClient client, int skuId, TValue value, CancellationToken cancellationToken);

    protected sealed override Task<SkuValueRun<TClient>> StartAsync(DiagramContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new SkuValueRun<TClient>(CreateClient(context.Connection.Id), context.Connection.Id));

    protected sealed override async Task PreparePageAsync(SkuValueRun<TClient> run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken) =>
        run.Skus = await Hub.VtexIdsAsync(run.ConnectionId, HubKinds.Sku, [.. page.Select(r => r.ParentKey ?? "")], cancellationToken);

    protected sealed override async Task<SendOutcome> SendAsync(SkuValueRun<TClient> run, HubRecord record, CancellationToken cancellationToken)
    {
        TValue value;
        try
        {
            value = HubStore.Read<TValue>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var payload = HubToVtex.Json(Payload(value));
        if (!run.Skus.TryGetValue(record.ParentKey ?? "", out var vtexId) || !Codes.TryParse(vtexId, out var skuId))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"SKU {record.ParentKey}", HubKinds.Sku, record.ParentKey));
        }

        try
        {
            await WriteAsync(run.Client, skuId, value, cancellationToken);
            return SendOutcome.Sent(ItemResult.Ok(MessageComponents.Updated, record.ErpKey, payload), HubMark.Sent(record, vtexId));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, WriteStep, payload, ex);
        }
    }
}

/// <summary>One run of a <see cref="SkuValueHubToVtex{TValue, TClient}"/>: its client and the current page's SKU ids.</summary>
public sealed class SkuValueRun<TClient>(TClient client, string connectionId)
{
    public TClient Client => client;

    public string ConnectionId => connectionId;

    public IReadOnlyDictionary<string, string> Skus { get; set; } = new Dictionary<string, string>();
}
