using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Erp;
using IpaasMonitor.Connectors.Erp.Product;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// An ERP → hub read of the order side (30/32 invoices, 34/36 cancellations): the ERP records of the row's branches
/// changed since the watermark, handled one at a time (a message only when something happened), the watermark moved
/// to the newest change read, then the next stages get the work.
/// </summary>
/// <typeparam name="T">The ERP record read.</typeparam>
public abstract class OrderErpToHubDiagram<T>(ConnectorFactory connectors, WatermarkStore watermarks, OrderFlow flow) : IDiagram
{
    protected ConnectorFactory Connectors => connectors;

    /// <summary>The ERP records of these branches changed in the window.</summary>
    protected abstract IAsyncEnumerable<ErpItem<T>> ReadAsync(ErpClient erp, IReadOnlyList<int> branches, ErpChangeFilter window, CancellationToken cancellationToken);

    protected abstract DateTimeOffset ChangedAt(T record);

    /// <summary>The step named on the failed message of a record this template refuses (e.g. "GET invoice").</summary>
    protected abstract string ReadStep { get; }

    /// <summary>The business key of a record (readable or not), for the failed message this template may write.</summary>
    protected abstract string KeyOf(ErpItem<T> item);

    /// <summary>What one record did; null when it changed nothing (no message).</summary>
    protected abstract Task<ItemResult?> HandleAsync(DiagramContext context, ErpItem<T> item, CancellationToken cancellationToken);

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var branches = OrderRouting.BranchCodes(context.Connection, context.Definition.Variant);
        if (branches.Count == 0)
        {
            return;
        }

        var erp = connectors.GetErpClient(context.Connection.Id);
        await watermarks.ReadSinceAsync(
            context.Connection.Id,
            context.Definition.Number,
            async (from, to) =>
            {
                DateTime? newest = null;
                await foreach (var item in ReadAsync(erp, branches, new ErpChangeFilter(from, to), cancellationToken).WithCancellation(cancellationToken))
                {
                    context.Counters.AddRead();
                    if (item.IsValid && ChangedAt(item.Value) is var changedAt && changedAt.UtcDateTime > context.UtcNow + Templates.ErpToHubDiagram<T>.FutureTolerance)
                    {
                        // A change date in the future: refused, and it does not move the watermark (ADR-016).
                        await context.RecordAsync(ItemResult.Fail(ReadStep, KeyOf(item), item.RawJson, Rules.ErpErrors.FutureChange("maxChangeFilterDate", changedAt, context.UtcNow)), cancellationToken);
                        continue;
                    }

                    if (item.IsValid && ChangedAt(item.Value).UtcDateTime is var changed && (newest is null || changed > newest))
                    {
                        newest = changed;
                    }

                    // The order's state change commits its message (ADR-027); a record that changed nothing has none.
                    await context.RecordStepAsync(() => HandleAsync(context, item, cancellationToken), cancellationToken);
                }

                return newest;
            },
            cancellationToken);
        await flow.ContinueAsync(context, cancellationToken);
    }

    public abstract Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken);
}
