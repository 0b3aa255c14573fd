using IpaasMonitor.Connectors;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>Everything a diagram needs to know about the run it is part of.</summary>
public sealed class DiagramContext(
    ConnectionOptions connection,
    DiagramDefinition definition,
    Guid runId,
    string triggeredBy,
    MessageRecorder recorder,
    TimeProvider time,
    ILogger logger)
{
    public ConnectionOptions Connection { get; } = connection;

    public DiagramDefinition Definition { get; } = definition;

    public Guid RunId { get; } = runId;

    public string TriggeredBy { get; } = triggeredBy;

    public RunCounters Counters { get; } = new();

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    /// <summary>Records one item's outcome as a grid message and counts it.</summary>
    public async Task RecordAsync(ItemResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Situation == Data.Entities.MessageSituation.Failed)
        {
            Counters.AddFailed();
        }
        else
        {
            Counters.AddSent();
        }

        await recorder.RecordAsync(result, cancellationToken);
    }
}
