using IpaasMonitor.Diagrams.Catalog;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The Hangfire queues jobs go to. A diagram's runs go to its catalogue row's queue (<see cref="DiagramDefinition.Queue"/>:
/// the orders' own workers or the default ones) however they are enqueued: on schedule, chained, delayed, replayed at
/// start, by hand or as a follow-up of a lease. The short bookkeeping that must never wait behind long diagram runs (the
/// re-queue sweeper, the re-queued messages' jobs, the failure groups' refresh) goes to <see cref="Maintenance"/>, served
/// by workers of its own in every process that runs jobs (ADR-027 amendment).
/// </summary>
public static class JobQueues
{
    /// <summary>The sweeper, the re-queued messages' jobs and the failure groups' refresh.</summary>
    public const string Maintenance = "maintenance";

    /// <summary>The queue of a diagram's runs; the default queue for a number the catalogue does not know.</summary>
    public static string Of(int diagram) => DiagramCatalog.TryGet(diagram, out var definition) ? definition.Queue : DiagramDefinition.DefaultQueue;
}
