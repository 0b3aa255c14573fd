using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Web.Monitoring;

/// <summary>One area of one connection on the overview.</summary>
public sealed record AreaState(
    DiagramArea Area,
    DateTime? LastSuccessUtc,
    long ItemsLastHour,
    long Items24h,
    long FailedLastHour,
    long Failed24h,
    long UnresolvedFailures);

/// <summary>One connection on the overview: its areas and its orders waiting per stage.</summary>
public sealed record ConnectionOverview(string ConnectionId, IReadOnlyList<AreaState> Areas, IReadOnlyDictionary<OrderStage, int> OrdersWaiting);

/// <summary>A chart's bars: processed and failed per hour, oldest first.</summary>
public sealed record HourlySeries(IReadOnlyList<DateTime> HoursUtc, IReadOnlyList<long> Processed, IReadOnlyList<long> Failed);

/// <summary>
/// The overview page's model, from <see cref="OverviewQueries"/> (hourly counters, last runs, waiting orders). A window
/// of N hours is the N hourly counters ending with the current hour, so "last hour" is the current hour and the one
/// before it from its start (ADR-021); the grid link of a window uses the same start.
/// </summary>
public sealed class Overview(OverviewQueries queries, IOptionsMonitor<IpaasMonitorOptions> connections, TimeProvider time)
{
    public static IReadOnlyList<DiagramArea> Areas { get; } = Enum.GetValues<DiagramArea>();

    /// <summary>The start of a window of <paramref name="hours"/> hours ending now: the start of the hour <paramref name="hours"/> hours ago.</summary>
    public static DateTime WindowStart(DateTime nowUtc, int hours) => MessageCounts.HourOf(nowUtc.AddHours(-hours));

    public async Task<IReadOnlyList<ConnectionOverview>> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lastHourFrom = WindowStart(now, 1);
        var dayFrom = WindowStart(now, 24);
        var lastHour = await queries.CountByDiagramAsync(lastHourFrom, cancellationToken);
        var day = await queries.CountByDiagramAsync(dayFrom, cancellationToken);
        var failures = await queries.CountUnresolvedFailuresAsync(cancellationToken);
        var runs = await queries.GetLastRunsAsync(cancellationToken);
        var orders = await queries.CountWaitingOrdersAsync(cancellationToken);

        var ids = connections.CurrentValue.Connections.Select(c => c.Id).Where(id => id.Length > 0).Order(StringComparer.Ordinal).ToList();
        return [.. ids.Select(id => new ConnectionOverview(
            id,
            [.. Areas.Select(area =>
            {
                var diagrams = DiagramCatalog.InArea(area).Select(d => d.Number).ToHashSet();
                bool In(string connectionId, int diagram) => connectionId == id && diagrams.Contains(diagram);
                return new AreaState(
                    area,
                    runs.Where(r => In(r.ConnectionId, r.Diagram)).Max(r => r.LastSuccessUtc),
                    lastHour.Where(c => In(c.ConnectionId, c.Diagram)).Sum(c => c.Count),
                    day.Where(c => In(c.ConnectionId, c.Diagram)).Sum(c => c.Count),
                    lastHour.Where(c => In(c.ConnectionId, c.Diagram) && c.Situation == MessageSituation.Failed).Sum(c => c.Count),
                    day.Where(c => In(c.ConnectionId, c.Diagram) && c.Situation == MessageSituation.Failed).Sum(c => c.Count),
                    failures.Where(c => In(c.ConnectionId, c.Diagram)).Sum(c => c.Count));
            })],
            OverviewQueries.WaitingStages.ToDictionary(s => s, s => orders.Where(o => o.ConnectionId == id && o.Stage == s).Sum(o => o.Count))))];
    }

    /// <summary>Processed and failed per hour over the last <paramref name="hours"/> hours (and the current one), for one connection and area (all when null).</summary>
    public async Task<HourlySeries> GetSeriesAsync(string connectionId, DiagramArea? area, int hours, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var from = WindowStart(now, hours);
        var diagrams = area is { } a ? DiagramCatalog.InArea(a).Select(d => d.Number).ToList() : [];
        var counts = await queries.CountByHourAsync(from, diagrams, connectionId, cancellationToken);
        var slots = Enumerable.Range(0, hours + 1).Select(i => from.AddHours(i)).ToList();
        var byKey = counts.ToDictionary(c => (c.HourUtc, c.Situation), c => c.Count);
        return new HourlySeries(
            slots,
            [.. slots.Select(h => byKey.GetValueOrDefault((h, MessageSituation.Processed)))],
            [.. slots.Select(h => byKey.GetValueOrDefault((h, MessageSituation.Failed)))]);
    }

    /// <summary>
    /// The grid's URL for one connection, area (all when null), situation and received range:
    /// <c>mensagens?conexao=…&amp;area=…&amp;situacao=…&amp;de=…&amp;ate=…</c> (São Paulo local times, as the grid reads them).
    /// </summary>
    public static string GridLink(string connectionId, DiagramArea? area, MessageSituation? situation, DateTime? fromUtc, DateTime? toUtc)
    {
        var query = new GridQuery
        {
            Connection = connectionId,
            Area = area,
            Situations = situation is { } s ? [s] : [],
            FromUtc = fromUtc,
            ToUtc = toUtc,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("mensagens", query.ToParameters().Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string?>(p.Key, (string)p.Value!)));
    }
}
