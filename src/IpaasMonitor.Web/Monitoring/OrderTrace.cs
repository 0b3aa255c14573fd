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
    string Stage,
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

    /// <summary>The stage each order diagram stands for, in pt-BR.</summary>
    public static string StageOf(int diagram) => diagram switch
    {
        23 => "Configuração",
        24 => "Recebimento",
        25 => "Confirmação",
        26 => "Validação",
        27 => "Cliente no ERP",
        28 or 29 => "Pedido no ERP",
        30 or 32 => "Nota fiscal no ERP",
        31 or 33 => "Faturamento na VTEX",
        34 or 36 => "Cancelamento no ERP",
        35 or 37 => "Cancelamento na VTEX",
        38 => "Faturamento parcial na VTEX",
        _ => DiagramCatalog.TryGet(diagram, out var d) ? d.Name : $"Diagrama {diagram:00}",
    };

    /// <summary>The order's stage, in pt-BR.</summary>
    public static string StageLabel(OrderStage stage) => stage switch
    {
        OrderStage.Received => "Recebido",
        OrderStage.Invalid => "Recusado na validação",
        OrderStage.Validated => "Validado",
        OrderStage.CustomerReady => "Cliente no ERP",
        OrderStage.InErp => "Pedido no ERP",
        OrderStage.Handling => "Em manuseio na VTEX",
        OrderStage.PartiallyInvoiced => "Faturado parcialmente",
        OrderStage.Invoiced => "Faturado",
        OrderStage.ErpCanceled => "Cancelado no ERP",
        OrderStage.Canceled => "Cancelado",
        _ => stage.ToString(),
    };

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
            [.. steps.Select(m => new OrderTraceStep(m.MessageId, m.ShortId, m.ConnectionId, m.Diagram, StageOf(m.Diagram), m.Situation, m.Component, m.BusinessKey, m.LastError, m.ReceivedAtUtc, m.UpdatedAtUtc, m.AttemptCount))]);
    }

    /// <summary>The most recent orders (for the search page), newest first.</summary>
    public async Task<IReadOnlyList<HubOrder>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HubOrders.AsNoTracking().OrderByDescending(o => o.Id).Take(take).ToListAsync(cancellationToken);
    }
}
