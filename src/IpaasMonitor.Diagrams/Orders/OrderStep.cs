namespace IpaasMonitor.Diagrams.Orders;

/// <summary>The step of an order's journey an order diagram stands for, as the order trace names it.</summary>
public enum OrderStep
{
    Setup,
    Receipt,
    Confirmation,
    Validation,
    ErpCustomer,
    ErpOrder,
    ErpInvoice,
    VtexInvoice,
    ErpCancel,
    VtexCancel,
    VtexPartialInvoice,
}
