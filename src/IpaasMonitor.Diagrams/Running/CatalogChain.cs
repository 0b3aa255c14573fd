using IpaasMonitor.Diagrams.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Change-to-storefront lag of the catalogue (ADR-023). After a scheduled, start-up, chained or retry run of a catalogue
/// row that moved records forward (stored ERP changes in the hub, or had VTEX accept records), the rows in its
/// <see cref="DiagramDefinition.Next"/> are enqueued at once: an ERP read hands its changes to its pair's VTEX half, a
/// parent's VTEX half to the halves whose records wait for it (brand and category → product → specifications, SKUs →
/// stock, SKU specifications, similars, branch prices). After a VTEX half that left records pending (a transient failure,
/// or waiting for a parent), the same row runs once more after <see cref="CatalogChainOptions.RetryDelay"/> instead of
/// waiting for its next tick; that retry does not schedule another. Runs started by hand, by tests or by re-queue do not chain.
/// </summary>
public sealed class CatalogChain(PendingJobs jobs, IOptions<CatalogChainOptions> options)
{
    /// <summary>Trigger of the one delayed retry of a row that left records pending.</summary>
    public const string RetryTrigger = "retry";

    /// <summary>
    /// Hands work on after a run of <paramref name="row"/> ended with <paramref name="counters"/>, recorded in the store first
    /// where Hangfire's jobs die with the process (<see cref="PendingJobs"/>, ADR-027).
    /// </summary>
    public async Task ContinueAsync(DiagramDefinition row, string connectionId, string triggeredBy, RunCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(counters);
        var settings = options.Value;
        if (!settings.Enabled || row.Queue != DiagramDefinition.DefaultQueue || row.HubKind is null
            || triggeredBy is not (Triggers.Scheduler or Triggers.Startup or Orders.OrderFlow.ChainTrigger or RetryTrigger))
        {
            return;
        }

        if (counters.Sent > 0)
        {
            foreach (var next in row.Next)
            {
                await jobs.EnqueueRunAsync(connectionId, next, Orders.OrderFlow.ChainTrigger, cancellationToken);
            }
        }

        if (row.Target == SystemSide.Vtex && triggeredBy != RetryTrigger && (counters.Failed > 0 || counters.Waiting > 0) && settings.RetryDelay > TimeSpan.Zero)
        {
            await jobs.ScheduleRunAsync(connectionId, row.Number, RetryTrigger, settings.RetryDelay, cancellationToken);
        }
    }
}

/// <summary>The catalogue chain's settings (section "Scheduling").</summary>
public sealed class CatalogChainOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Chain the catalogue rows (<c>Scheduling:ChainCatalogue</c>).</summary>
    [ConfigurationKeyName("ChainCatalogue")]
    public bool Enabled { get; set; } = true;

    /// <summary>How soon a VTEX half that left records pending runs again (<c>Scheduling:RetryDelay</c>); zero = never.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
