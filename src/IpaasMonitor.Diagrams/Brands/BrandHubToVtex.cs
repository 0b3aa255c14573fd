using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Brands;

/// <summary>
/// 02 - Brand-HubToVtex: sends the hub brands whose content changed since last accepted by VTEX. Idempotent upsert:
/// the VTEX brand id is the ERP brand code, so GET tells create (POST) from full update (PUT), and a re-run or a
/// re-queue never creates a second brand.
/// </summary>
public sealed class BrandHubToVtex(ConnectorFactory connectors, HubStore hub) : IDiagram
{
    public const string CreatedComponent = "CREATE OK";
    public const string UpdatedComponent = "UPDATE OK";
    private const int PageSize = 200;

    public IReadOnlyCollection<int> Numbers { get; } = [2];

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexCatalogClient(context.Connection.Id);
        long afterId = 0;
        while (true)
        {
            var page = await hub.PendingAsync(context.Connection.Id, BrandErpToHub.Kind, afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var record in page)
            {
                context.Counters.AddRead();
                context.Counters.AddChanged();
                await context.RecordAsync(await SendAsync(vtex, record, cancellationToken), cancellationToken);
            }

            afterId = page[^1].Id;
        }
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = await hub.FindAsync(context.Connection.Id, BrandErpToHub.Kind, businessKey, cancellationToken);
        if (record is null)
        {
            return ItemResult.Fail("GET hub", businessKey, null, $"Marca {businessKey} não está no hub: execute o diagrama 01 antes.");
        }

        return await SendAsync(connectors.GetVtexCatalogClient(context.Connection.Id), record, cancellationToken);
    }

    /// <summary>The VTEX body for a hub brand: every field, because PUT replaces the whole brand.</summary>
    public static VtexBrand ToVtex(HubBrand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var name = brand.Name.Trim(); // a trailing space makes VTEX see a different brand (vtex-api.md §2.1)
        return new VtexBrand
        {
            Id = brand.Code,
            Name = name,
            Text = name,
            Keywords = name,
            SiteTitle = name,
            Active = brand.Active,
            MenuHome = brand.Active,
        };
    }

    private async Task<ItemResult> SendAsync(VtexCatalogClient vtex, HubRecord record, CancellationToken cancellationToken)
    {
        HubBrand brand;
        try
        {
            brand = HubStore.Read<HubBrand>(record);
        }
        catch (JsonException ex)
        {
            return ItemResult.Fail("READ hub", record.ErpKey, record.Content, $"Conteúdo da marca ilegível no hub: {ex.Message}");
        }

        var body = ToVtex(brand);
        var payload = JsonSerializer.Serialize(body, HubStore.Json);
        var step = "GET brand";
        try
        {
            var existing = await vtex.Brands.GetAsync(body.Id, cancellationToken);
            string component;
            if (existing is null)
            {
                step = "POST brand";
                await vtex.Brands.CreateAsync(body, cancellationToken);
                component = CreatedComponent;
            }
            else
            {
                step = "PUT brand";
                await vtex.Brands.UpdateAsync(body.Id, body, cancellationToken);
                component = UpdatedComponent;
            }

            await hub.MarkSentAsync(record.Id, record.ContentHash, body.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            return ItemResult.Ok(component, record.ErpKey, payload);
        }
        catch (ConnectorException ex)
        {
            if (ex.Kind == ConnectorErrorKind.Permanent)
            {
                await hub.MarkRejectedAsync(record.Id, record.ContentHash, cancellationToken);
            }

            return ItemResult.Fail(step, record.ErpKey, payload, ex.Failure.ToShortMessage(), ex.Failure.ResponseExcerpt ?? ex.RemoteMessage);
        }
    }
}
