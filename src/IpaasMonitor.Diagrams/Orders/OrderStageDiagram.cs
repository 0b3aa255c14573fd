using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Orders;

/// <summary>
/// An order diagram that moves the hub orders standing at one stage (25, 26, 27, 28/29, 35/37): pages through them in
/// id order (only the row's branches when the row has a variant), processes each into one grid message, then hands
/// work to the next stages (<see cref="OrderFlow.Continue"/>). Each subclass holds only its step. A step runs inside
/// <see cref="DiagramContext.RecordStepAsync"/>: the store write that ends it (<see cref="OrderStore.AdvanceAsync"/>…)
/// commits its message in the same transaction (ADR-027).
/// </summary>
/// <typeparam name="TRun">What one run shares between its orders (a client, the known products…).</typeparam>
public abstract class OrderStageDiagram<TRun>(OrderStore orders, OrderFlow flow) : IDiagram
{
    private const int PageSize = 100;

    protected OrderStore Orders => orders;

    protected OrderFlow Flow => flow;

    /// <summary>The stage whose orders a run takes.</summary>
    protected abstract OrderStage Stage { get; }

    /// <summary>Prepared once per run, before the first order.</summary>
    protected abstract Task<TRun> StartAsync(DiagramContext context, CancellationToken cancellationToken);

    /// <summary>One order's step: its outcome is the order's grid message.</summary>
    protected abstract Task<ItemResult> ProcessAsync(DiagramContext context, TRun run, HubOrder order, CancellationToken cancellationToken);

    public async Task RunAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = await StartAsync(context, cancellationToken);
        var mainBranch = OrderRouting.IsMainBranch(context.Definition.Variant);
        long afterId = 0;
        while (true)
        {
            var page = await orders.ListAsync(context.Connection.Id, [Stage], mainBranch, afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var order in page)
            {
                context.Counters.AddRead();
                context.Counters.AddChanged();
                await context.RecordStepAsync(async () => await ProcessAsync(context, run, order, cancellationToken), cancellationToken);
            }

            afterId = page[^1].Id;
        }

        await flow.ContinueAsync(context, cancellationToken);
    }

    public abstract Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken);
}
