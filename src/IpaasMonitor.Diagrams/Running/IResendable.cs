namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// A pair half that diagram 39 re-sends through (the rows with a <see cref="Catalog.DiagramDefinition.ResendOrder"/>).
/// 39 asks every ERP → hub half to re-read the window, makes the hub records of the hub → VTEX halves' kinds changed
/// in it pending again, then asks every hub → VTEX half to send; both templates implement it.
/// </summary>
public interface IResendable
{
    /// <summary>ERP → hub: reads the window into the hub, watermark untouched. Hub → VTEX: sends what is pending.</summary>
    Task ResendAsync(DiagramContext context, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);
}
