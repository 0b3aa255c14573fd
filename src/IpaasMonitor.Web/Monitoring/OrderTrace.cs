using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>One message of an order's timeline.</summary>
public sealed record OrderTraceStep(
    Guid MessageId,
    string ShortId,
    string ConnectionId,
    int Diagram,
    MessageSituation Situation,
    string Component,
    string? BusinessKey,
    string? LastError,
    DateTime ReceivedAtUtc,
    DateTime UpdatedAtUtc,
    int AttemptCount);

/// <summary>Everything the hub knows about one VTEX order: its stage-machine row(s) and every message correlated to it.</summary>
public sealed record OrderTraceView(string OrderId, IReadOnlyList<HubOrder> Orders, IReadOnlyList<OrderTraceStep> Steps);

/// <summary>Reads an order's trace: every message whose correlation id is the VTEX orderId, oldest first.</summary>
public sealed class OrderTraceQuery(IDbContextFactory<IpaasDbContext> dbFactory)
{
    public const int MaxSteps = 500;

    /// <summary>
    /// The UI text key of the step of the order flow a diagram stands for (its row's <see cref="DiagramDefinition.Step"/>,
    /// <c>OrderStep.*</c> in UiTextStrings), or null for a diagram that is not an order step.
    /// </summary>
    public static string? StepKey(int diagram) =>
        DiagramCatalog.TryGet(diagram, out var row) && row.Step is { } step ? "OrderStep." + step : null;

    /// <summary>The UI text key of the order's stage (<c>OrderStage.*</c> in UiTextStrings).</summary>
    public static string StageKey(OrderStage stage) => "OrderStage." + stage;

    public async Task<OrderTraceView?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        var id = (orderId ?? "").Trim();
        if (id.Length == 0)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var orders = await db.HubOrders.AsNoTracking().Where(o => o.OrderId == id).OrderBy(o => o.ConnectionId).ToListAsync(cancellationToken);
        var steps = await db.Messages.AsNoTracking()
            .Where(m => m.CorrelationId == id)
            .OrderBy(m => m.ReceivedAtUtc).ThenBy(m => m.Id)
            .Take(MaxSteps)
            .Select(m => new { m.MessageId, m.ShortId, m.ConnectionId, m.Diagram, m.Situation, m.Component, m.BusinessKey, m.LastError, m.ReceivedAtUtc, m.UpdatedAtUtc, m.AttemptCount })
            .ToListAsync(cancellationToken);
        if (orders.Count == 0 && steps.Count == 0)
        {
            return null;
        }

        return new OrderTraceView(
            id,
            orders,
            [.. steps.Select(m => new OrderTraceStep(m.MessageId, m.ShortId, m.ConnectionId, m.Diagram, m.Situation, m.Component, m.BusinessKey, m.LastError, m.ReceivedAtUtc, m.UpdatedAtUtc, m.AttemptCount))]);
    }
}
