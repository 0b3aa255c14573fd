using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// 38 - PartialInvoice-ErpToVtex (any branch): sends VTEX the invoices that alone do not cover their order, after
/// reading the order's pending items from the ERP, shown with the message (<see cref="InvoiceToVtexDiagram"/>).
/// </summary>
public sealed class PartialInvoiceErpToVtex(ConnectorFactory connectors, HubStore hub, OrderStore orders, OrderFlow flow)
    : InvoiceToVtexDiagram(connectors, hub, orders, flow)
{
    protected override bool ReadsErpPendingItems => true;

    protected override bool IsMine(DiagramContext context, HubInvoice invoice, HubOrder? order)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.Partial;
    }
}
