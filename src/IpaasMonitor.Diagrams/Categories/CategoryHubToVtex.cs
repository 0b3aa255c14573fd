using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Categories;

/// <summary>
/// 04 - Category-HubToVtex: the VTEX category id is the ERP code, so GET tells create (POST) from full update (PUT).
/// One at a time, parents first (the ERP lists them first): a child whose parent is not in VTEX waits for it.
/// </summary>
public sealed class CategoryHubToVtex(ConnectorFactory connectors, HubStore hub) : HubToVtexDiagram<CategoryHubToVtex.Run>(hub)
{

    protected override int Parallelism => 1;

    protected override async Task<Run> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        var known = await Hub.ListAsync(context.Connection.Id, HubKinds.Category, cancellationToken);
        var inVtex = new ConcurrentDictionary<string, bool>(known.Where(c => c.VtexId is not null).Select(c => KeyValuePair.Create(c.ErpKey, true)), StringComparer.Ordinal);
        return new Run(connectors.GetVtexCatalogClient(context.Connection.Id), inVtex);
    }

    protected override async Task<SendOutcome> SendAsync(Run run, HubRecord record, CancellationToken cancellationToken)
    {
        HubCategory category;
        try
        {
            category = HubStore.Read<HubCategory>(record);
        }
        catch (JsonException ex)
        {
            return SendOutcome.Unreadable(record, ex);
        }

        var body = CategoryMapping.ToVtex(category);
        var payload = HubToVtex.Json(body, VtexNames.Note(category.Name));
        if (category.ParentCode is { } parent && !run.InVtex.ContainsKey(TextRules.Key(parent)))
        {
            return SendOutcome.Waiting(record, payload, WaitParent.Of($"categoria pai {TextRules.Key(parent)}", HubKinds.Category, TextRules.Key(parent)));
        }

        var step = "GET category";
        try
        {
            var existing = await run.Vtex.Categories.GetAsync(category.Code, cancellationToken);
            string component;
            if (existing is null)
            {
                step = "POST category";
                await run.Vtex.Categories.CreateAsync(body, cancellationToken);
                component = MessageComponents.Created;
            }
            else
            {
                step = "PUT category";
                await run.Vtex.Categories.UpdateAsync(category.Code, body, cancellationToken);
                component = MessageComponents.Updated;
            }

            run.InVtex[record.ErpKey] = true;
            return SendOutcome.Sent(ItemResult.Ok(component, record.ErpKey, payload), HubMark.Sent(record, category.Code.ToString(CultureInfo.InvariantCulture)));
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, step, payload, ex);
        }
    }

    public sealed record Run(VtexCatalogClient Vtex, ConcurrentDictionary<string, bool> InVtex);
}
