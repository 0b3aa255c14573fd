using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Concurrency;
using IpaasMonitor.Connectors.Resilience;
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
    private DiagramContext(DiagramContext run, DiagramDefinition definition)
        : this(run.Connection, definition, run.RunId, run.TriggeredBy, run.recorder, run.Time, run.Logger)
    {
        Counters = run.Counters;
        StepRetry = run.StepRetry;
        ProcessStartedAtUtc = run.ProcessStartedAtUtc;
        Concurrency = run.Concurrency;
    }

    private readonly MessageRecorder recorder = recorder;

    public ConnectionOptions Connection { get; } = connection;

    public DiagramDefinition Definition { get; } = definition;

    public Guid RunId { get; } = runId;

    public string TriggeredBy { get; } = triggeredBy;

    public RunCounters Counters { get; } = new();

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    /// <summary>In-run retries of an item step after a transient failure (ADR-018); off unless the runner sets them.</summary>
    public StepRetryOptions StepRetry { get; init; } = new() { Enabled = false };

    /// <summary>
    /// When this process started (UTC): a parent missing from the hub is only "stuck" once its ERP read has completed
    /// since then (ADR-018); before, the hub may simply not have it yet (a restart, a killed first pass).
    /// </summary>
    public DateTime ProcessStartedAtUtc { get; init; }

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    /// <summary>The connection's adaptive limits of VTEX sends (ADR-023); null outside the app (the templates then send with a fixed parallelism).</summary>
    public ConcurrencyLimits? Concurrency { get; init; }

    /// <summary>
    /// The same run seen as another row (39 drives the pairs' halves with their own row, so their variant and kind):
    /// its messages and counters stay this run's.
    /// </summary>
    public DiagramContext As(DiagramDefinition row) => new(this, row);

    /// <summary>Records one item's outcome as a grid message and counts it.</summary>
    public async Task RecordAsync(ItemResult result, CancellationToken cancellationToken)
    {
        Count(result);
        await recorder.RecordAsync(result, cancellationToken);
    }

    /// <summary>
    /// Runs one item's step and records its outcome (none when it returns null), unless the step's state change already
    /// wrote it in its own transaction (<see cref="ItemStep"/>, ADR-027): then it is only counted.
    /// </summary>
    public async Task<ItemResult?> RecordStepAsync(Func<Task<ItemResult?>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var (result, committed) = await ItemStep.RunAsync(step);
        if (result is null)
        {
            return null;
        }

        if (committed)
        {
            Count(result);
        }
        else
        {
            await RecordAsync(result, cancellationToken);
        }

        return result;
    }

    private void Count(ItemResult result)
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
    }
}
