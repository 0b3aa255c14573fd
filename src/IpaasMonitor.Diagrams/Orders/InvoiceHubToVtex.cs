using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 31 - Invoice-HubToVtex (main branch) and 33 - BranchInvoice-HubToVtex (other branches): sends VTEX the invoices
/// that cover a whole order, of the orders of the row's branches (<see cref="InvoiceToVtexDiagram"/>).
/// </summary>
public sealed class InvoiceHubToVtex(ConnectorFactory connectors, HubStore hub, OrderStore orders, OrderFlow flow)
    : InvoiceToVtexDiagram(connectors, hub, orders, flow)
{
    protected override bool IsMine(DiagramContext context, HubInvoice invoice, HubOrder? order)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(invoice);
        return !invoice.Partial && order is not null && order.IsMainBranch == (context.Definition.Variant == DiagramVariant.Main);
    }
}
