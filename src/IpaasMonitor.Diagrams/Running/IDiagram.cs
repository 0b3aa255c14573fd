namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The code that varies between diagrams. The catalogue row names the class (<see cref="Catalog.DiagramDefinition.Implementation"/>);
/// one class may serve several rows that differ only by parameters (main vs branch), which it reads from
/// <see cref="DiagramContext.Definition"/>.
/// </summary>
public interface IDiagram
{
    /// <summary>A full run: read what changed, send it, record one <see cref="ItemResult"/> per item sent or failed.</summary>
    Task RunAsync(DiagramContext context, CancellationToken cancellationToken);

    /// <summary>Re-queue: process this one business key again from the current hub or ERP state (never a stale payload).</summary>
    Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken);
}
