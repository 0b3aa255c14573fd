namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The code that varies between diagrams. One class may serve several catalogue rows that differ only by
/// parameters (main vs branch): <see cref="Numbers"/> lists them.
/// </summary>
public interface IDiagram
{
    IReadOnlyCollection<int> Numbers { get; }

    /// <summary>A full run: read what changed, send it, record one <see cref="ItemResult"/> per item sent or failed.</summary>
    Task RunAsync(DiagramContext context, CancellationToken cancellationToken);

    /// <summary>Re-queue: process this one business key again from the current hub or ERP state (never a stale payload).</summary>
    Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken);
}
