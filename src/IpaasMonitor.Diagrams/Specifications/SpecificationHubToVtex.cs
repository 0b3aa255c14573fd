using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Vtex.Catalog;
using IpaasMonitor.Diagrams.Categories;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Rules;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Specifications;

/// <summary>
/// What the two specification senders share (08 product, 12 SKU): a run knows the category tree and finds or creates
/// the VTEX fields of the record's department once (<see cref="SpecificationCatalog"/>). They differ by the fields'
/// group name, VTEX field type and whether the fields are SKU fields, given by the subclass.
/// </summary>
public abstract class SpecificationHubToVtex<TRun>(ConnectorFactory connectors, HubStore hub, string groupName, int fieldTypeId, bool skuFields)
    : HubToVtexDiagram<TRun>(hub)
    where TRun : SpecificationRun
{
    /// <summary>The step named while the fields are being found or created.</summary>
    protected const string FieldStep = "GET specification";

    protected sealed override async Task<TRun> StartAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vtex = connectors.GetVtexCatalogClient(context.Connection.Id);
        var tree = await CategoryTree.LoadAsync(Hub, context.Connection.Id, cancellationToken);
        return NewRun(vtex, tree, new SpecificationCatalog(vtex.Specifications, groupName, fieldTypeId, skuFields), context.Connection.Id);
    }

    protected abstract TRun NewRun(VtexCatalogClient vtex, CategoryTree tree, SpecificationCatalog fields, string connectionId);

    /// <summary>The VTEX id of the department of a category (fields live in departments); false while the category is unknown.</summary>
    protected static bool TryDepartment(SpecificationRun run, int categoryCode, out int departmentId)
    {
        ArgumentNullException.ThrowIfNull(run);
        departmentId = 0;
        return run.Tree.DepartmentOf(TextRules.Key(categoryCode)) is { } department && Codes.TryParse(department, out departmentId);
    }
}

/// <summary>What one run of a specification sender shares between its sends.</summary>
public class SpecificationRun(VtexCatalogClient vtex, CategoryTree tree, SpecificationCatalog fields, string connectionId)
{
    public VtexCatalogClient Vtex => vtex;

    public CategoryTree Tree => tree;

    public SpecificationCatalog Fields => fields;

    public string ConnectionId => connectionId;
}
