using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Brands;

/// <summary>01 - Brand-ErpToHub: reads the brands changed in the ERP since the watermark and keeps them in the hub.</summary>
public sealed class BrandErpToHub(ConnectorFactory connectors, HubStore hub, WatermarkStore watermarks) : IDiagram
{
    public const string Kind = "brand";
    public const string StoredComponent = "UPSERT OK";
    public const string ReadComponent = "GET brand";
    private const int BatchSize = 200;

    public IReadOnlyCollection<int> Numbers { get; } = [1];

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = context.Connection.Id;
        var (from, to) = await watermarks.WindowAsync(connection, context.Definition.Number, cancellationToken);
        var erp = connectors.GetErpClient(connection);
        var newest = DateTime.MinValue;
        var batch = new List<(HubItem Item, string Raw)>(BatchSize);
        await foreach (var item in erp.SearchBrandsAsync(from, to, cancellationToken: cancellationToken))
        {
            context.Counters.AddRead();
            if (!item.IsValid)
            {
                await context.RecordAsync(InvalidItem(item), cancellationToken);
                continue;
            }

            newest = Max(newest, item.Value.MaxChangeFilterDate.UtcDateTime);
            var problem = BrandRules.Validate(item.Value);
            if (problem is not null)
            {
                await context.RecordAsync(ItemResult.Fail(ReadComponent, Key(item.Value.Code), item.RawJson, problem), cancellationToken);
                continue;
            }

            batch.Add((ToHub(item.Value), item.RawJson));
            if (batch.Count >= BatchSize)
            {
                await StoreAsync(context, batch, cancellationToken);
            }
        }

        await StoreAsync(context, batch, cancellationToken);
        if (newest > DateTime.MinValue)
        {
            await watermarks.AdvanceAsync(connection, context.Definition.Number, newest, cancellationToken);
        }
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!int.TryParse(businessKey, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return ItemResult.Fail(ReadComponent, businessKey, null, $"Chave de marca inválida: '{businessKey}'.");
        }

        var erp = connectors.GetErpClient(context.Connection.Id);
        await foreach (var item in erp.SearchBrandsAsync(WatermarkStore.Beginning, context.UtcNow, [code], cancellationToken: cancellationToken))
        {
            if (!item.IsValid)
            {
                return InvalidItem(item);
            }

            var problem = BrandRules.Validate(item.Value);
            if (problem is not null)
            {
                return ItemResult.Fail(ReadComponent, businessKey, item.RawJson, problem);
            }

            var hubItem = ToHub(item.Value);
            await hub.UpsertAsync(context.Connection.Id, Kind, [hubItem], cancellationToken);
            return ItemResult.Ok(StoredComponent, businessKey, JsonSerializer.Serialize(hubItem.Content, HubStore.Json));
        }

        return ItemResult.Fail(ReadComponent, businessKey, null, $"Marca {code} não encontrada no ERP.");
    }

    private static HubItem ToHub(ErpBrand brand) =>
        new(Key(brand.Code), null, new HubBrand(brand.Code, brand.Name, brand.IsActive), brand.MaxChangeFilterDate.UtcDateTime);

    private static string Key(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static ItemResult InvalidItem(ErpItem<ErpBrand> item) =>
        ItemResult.Fail(ReadComponent, ErpRecordKeys.KeyOf(item.RawJson, "code") ?? $"página {item.Page} item {item.Index + 1}", item.RawJson, $"Registro inválido do ERP: {item.Error}");

    private async Task StoreAsync(DiagramContext context, List<(HubItem Item, string Raw)> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var changed = (await hub.UpsertAsync(context.Connection.Id, Kind, [.. batch.Select(b => b.Item)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
        context.Counters.AddChanged(changed.Count);
        context.Counters.AddUnchanged(batch.Count - changed.Count);
        foreach (var (item, _) in batch.Where(b => changed.Contains(b.Item.ErpKey)))
        {
            await context.RecordAsync(ItemResult.Ok(StoredComponent, item.ErpKey, JsonSerializer.Serialize(item.Content, HubStore.Json)), cancellationToken);
        }

        batch.Clear();
    }
}
