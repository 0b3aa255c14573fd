using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Brands;

/// <summary>
/// 02 - Brand-HubToVtex: sends the hub brands whose content changed since last accepted by VTEX. Idempotent upsert:
/// the VTEX brand id is the ERP brand code, so GET tells create (POST) from full update (PUT), and a re-run or a
/// re-queue never creates a second brand.
/// </summary>
public sealed class BrandHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<VtexCatalogClient>(hub)
{
    protected override Task<VtexCatalogClient> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(connectors.GetVtexCatalogClient(context.Connection.Id));
    }

    protected override async Task<SendOutcome> SendAsync(VtexCatalogClient run, HubRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(record);
        HubBrand brand;
        try
        {
            brand = HubStore.Read<HubBrand>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var body = BrandMapping.ToVtex(brand);
        var payload = HubToVtex.Json(body, VtexNames.Note(brand.Name));
        var step = "GET brand";
        try
        {
            var existing = await run.Brands.GetAsync(body.Id, cancellationToken);
            string component;
            if (existing is null)
            {
                step = "POST brand";
                await run.Brands.CreateAsync(body, cancellationToken);
                component = MessageComponents.Created;
            }
            else
            {
                step = "PUT brand";
                await run.Brands.UpdateAsync(body.Id, body, cancellationToken);
                component = MessageComponents.Updated;
            }

            return SendOutcome.Sent(ItemResult.Ok(component, record.ErpKey, payload), HubMark.Sent(record, body.Id.ToString(CultureInfo.InvariantCulture)));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, step, payload, ex);
        }
    }
}
