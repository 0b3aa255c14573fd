using System.Text.Json;
using Hangfire;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Concurrency;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Diagrams.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The one Hangfire entry point. Arguments are ids only. Hangfire's own retry is off: item-level retries are
/// ours (Polly in the connectors, re-queue in the monitor), so a whole run is never repeated behind our back.
/// </summary>
public sealed class DiagramRunner(
    DiagramRegistry registry,
    DiagramLeases leases,
    IDbContextFactory<IpaasDbContext> dbFactory,
    IOptionsMonitor<IpaasMonitorOptions> options,
    TimeProvider time,
    ILogger<DiagramRunner> logger,
    ProcessStart processStart,
    IOptions<NodeOptions> nodeOptions,
    IServiceProvider services)
{
    public const string CountComponent = "Count";

    /// <summary>Business key of a run's Count message.</summary>
    public const string RunKey = "execução";

    /// <summary>Re-queued messages one job reads at a time (<see cref="ProcessRequeuedAsync"/>).</summary>
    public const int RequeuedPage = 100;

    private ConcurrencyLimits? Concurrency => services.GetService(typeof(ConcurrencyLimits)) as ConcurrencyLimits;

    private TimeSpan RequeueSlice =>
        (services.GetService(typeof(IOptionsMonitor<RequeueOptions>)) as IOptionsMonitor<RequeueOptions>)?.CurrentValue.JobSlice ?? RequeueOptions.DefaultJobSlice;

    private DiagramContext NewContext(ConnectionOptions connection, DiagramDefinition definition, Guid runId, string triggeredBy, MessageRecorder recorder) =>
        new(connection, definition, runId, triggeredBy, recorder, time, logger)
        {
            StepRetry = options.CurrentValue.Resilience.StepRetry,
            ProcessStartedAtUtc = processStart.AtUtc,
            Concurrency = Concurrency,
        };

    /// <summary>Runs one diagram for one connection. Returns the run id, or null when skipped.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Diagrama {1} · {0}")]
    public async Task<Guid?> RunAsync(string connectionId, int diagram, string triggeredBy, CancellationToken cancellationToken) =>
        (await RunOnceAsync(connectionId, diagram, triggeredBy, cancellationToken)).RunId;

    /// <summary>What <see cref="RunOnceAsync"/> did: ran (the run's id), or skipped because the pair is disabled or its lease is held.</summary>
    private readonly record struct RunOutcome(Guid? RunId, bool Busy);

    private async Task<RunOutcome> RunOnceAsync(string connectionId, int diagram, string triggeredBy, CancellationToken cancellationToken)
    {
        var definition = DiagramCatalog.Get(diagram);
        var implementation = registry.Get(diagram);
        var connection = FindConnection(connectionId);
        var runId = Guid.NewGuid();
        using var scope = BeginRunScope(connectionId, diagram, runId);
        if ((triggeredBy is Triggers.Scheduler or Orders.OrderFlow.ChainTrigger or CatalogChain.RetryTrigger) && !await IsEnabledAsync(connectionId, diagram, cancellationToken))
        {
            logger.LogInformation("Diagram {Diagram} is disabled for {Connection}; {TriggeredBy} run skipped", diagram, connectionId, triggeredBy);
            return new RunOutcome(null, Busy: false);
        }

        if (!await leases.TryAcquireAsync(connectionId, diagram, runId, cancellationToken))
        {
            if (triggeredBy == Orders.OrderFlow.ChainTrigger)
            {
                // The running one may have read its input before the stage that asked for this run wrote it (25 after
                // 29 sent the order to the ERP): its holder runs the pair once more when it ends, one follow-up however
                // many chained runs ask meanwhile (ADR-026). If the lease was freed in between, take it now.
                if (await leases.RequestRunAgainAsync(connectionId, diagram, cancellationToken))
                {
                    logger.LogInformation("Diagram {Diagram} is already running for {Connection}; it runs again when that run ends", diagram, connectionId);
                    return new RunOutcome(null, Busy: true);
                }

                if (!await leases.TryAcquireAsync(connectionId, diagram, runId, cancellationToken))
                {
                    logger.LogInformation("Diagram {Diagram} is already running for {Connection}; chained run skipped", diagram, connectionId);
                    return new RunOutcome(null, Busy: true);
                }
            }
            else
            {
                logger.LogInformation("Diagram {Diagram} is already running for {Connection}; run skipped", diagram, connectionId);
                return new RunOutcome(null, Busy: true);
            }
        }

        var run = new DiagramRun { Id = runId, ConnectionId = connectionId, Diagram = diagram, StartedAtUtc = time.GetUtcNow().UtcDateTime, TriggeredBy = triggeredBy, Node = leases.Node };
        await SaveRunAsync(run, isNew: true, cancellationToken);

        using var heartbeat = new CancellationTokenSource();
        var renewal = leases.KeepRenewedAsync(connectionId, diagram, runId, heartbeat.Token);
        await using var recorder = new MessageRecorder(dbFactory, time, connectionId, diagram, runId, triggeredBy);
        using var stateWrites = recorder.Use(); // the run's hub-state changes commit with its messages (ADR-027)
        var context = NewContext(connection, definition, runId, triggeredBy, recorder);
        string? runError = null;
        try
        {
            logger.LogInformation("Run started: {DiagramLabel} ({TriggeredBy})", definition.Label(connectionId), triggeredBy);
            await implementation.RunAsync(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            runError = ex.Message;
            logger.LogError(ex, "Run failed: {DiagramLabel}", definition.Label(connectionId));
        }
        finally
        {
            await heartbeat.CancelAsync();
            await renewal;
        }

        var counters = context.Counters;
        var summary = JsonSerializer.Serialize(new
        {
            runId,
            read = counters.Read,
            changed = counters.Changed,
            unchanged = counters.Unchanged,
            sent = counters.Sent,
            failed = counters.Failed,
            waiting = counters.Waiting,
            retried = counters.Retried,
            error = runError,
        });
        var countResult = runError is null
            ? ItemResult.Ok(CountComponent, RunKey, summary)
            : ItemResult.Fail(CountComponent, RunKey, summary, $"A execução falhou: {runError}");
        await recorder.RecordAsync(countResult, CancellationToken.None);
        await recorder.FlushAsync(CancellationToken.None);

        run.EndedAtUtc = time.GetUtcNow().UtcDateTime;
        run.Status = runError is null ? RunStatus.Completed : RunStatus.Failed;
        run.Error = MessageRecorder.Truncate(runError, DiagramRun.ErrorMaxLength);
        run.Read = counters.Read;
        run.Changed = counters.Changed;
        run.Sent = counters.Sent;
        run.Failed = counters.Failed;
        run.Waiting = counters.Waiting;
        await SaveRunAsync(run, isNew: false, CancellationToken.None);
        await leases.ReleaseAsync(connectionId, diagram, runId, CancellationToken.None);
        logger.LogInformation(
            "Run ended: {DiagramLabel}: read {Read}, changed {Changed}, sent {Sent}, failed {Failed}, waiting {Waiting}",
            definition.Label(connectionId), counters.Read, counters.Changed, counters.Sent, counters.Failed, counters.Waiting);
        if (services.GetService(typeof(CatalogChain)) is CatalogChain chain)
        {
            await chain.ContinueAsync(definition, connectionId, triggeredBy, counters, CancellationToken.None);
        }

        return new RunOutcome(runId, Busy: false);
    }

    /// <summary>
    /// Runs several diagrams of one connection in order (the first run: <see cref="DiagramCatalog.StartupOrder"/>). A
    /// diagram whose lease is held is not skipped: the sequence waits (<see cref="NodeOptions.StartupRetryDelay"/> between
    /// tries) until it can run it, or until a run of it by someone else has completed since it began waiting (ADR-026):
    /// the order matters (ERP reads before the VTEX halves that send what they read).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunSequenceAsync(string connectionId, int[] diagrams, string triggeredBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(diagrams);
        foreach (var diagram in diagrams)
        {
            var waitingSince = time.GetUtcNow().UtcDateTime;
            while (true)
            {
                var outcome = await RunOnceAsync(connectionId, diagram, triggeredBy, cancellationToken);
                if (!outcome.Busy)
                {
                    break;
                }

                if (await CompletedSinceAsync(connectionId, diagram, waitingSince, cancellationToken))
                {
                    logger.LogInformation("Diagram {Diagram} for {Connection} was run to the end by another run while the sequence waited", diagram, connectionId);
                    break;
                }

                await Task.Delay(nodeOptions.Value.StartupRetryDelay, time, cancellationToken);
            }
        }
    }

    private async Task<bool> CompletedSinceAsync(string connectionId, int diagram, DateTime sinceUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AnyAsync(
            r => r.ConnectionId == connectionId && r.Diagram == diagram && r.StartedAtUtc >= sinceUtc && r.Status == RunStatus.Completed,
            cancellationToken);
    }

    /// <summary>
    /// Processes one re-queued message: claims it (Requeued → Processing, a conditional update, so a duplicate
    /// job is a no-op), re-runs its business key from the current state, and records the attempt.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Reprocessar mensagem {0}")]
    public async Task ProcessMessageAsync(Guid messageId, string requestedBy, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().WhereMessageId(messageId).SingleOrDefaultAsync(cancellationToken);
        if (message is null || message.Situation != MessageSituation.Requeued)
        {
            return;
        }

        // The operator who asked is stored with the re-queue: a job enqueued again by the sweeper (the diagram was busy,
        // or the process restarted) still records the attempt in their name (ADR-017).
        requestedBy = string.IsNullOrEmpty(message.RequeuedBy) ? requestedBy : message.RequeuedBy;

        // The whole-run summary is re-queued by running the diagram again.
        if (message.Component == CountComponent && message.BusinessKey == RunKey)
        {
            if (!await ClaimAsync(db, message, cancellationToken))
            {
                return;
            }

            var started = time.GetUtcNow().UtcDateTime;
            ItemResult result;
            Guid? newRun = null;
            try
            {
                newRun = await RunAsync(message.ConnectionId, message.Diagram, Triggers.Requeue, cancellationToken);
                if (newRun is null)
                {
                    // Another run of this diagram holds the lease: stay Requeued, the sweeper tries again.
                    await MoveAsync(db, message, MessageSituation.Processing, MessageSituation.Requeued, cancellationToken);
                    return;
                }

                result = ItemResult.Ok(CountComponent, RunKey, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = ItemResult.Fail(CountComponent, RunKey, null, ex.Message);
            }

            await CompleteAttemptAsync(db, message, result, started, requestedBy, $"Nova execução {newRun}", cancellationToken);
            return;
        }

        var runId = Guid.NewGuid();
        using var scope = BeginRunScope(message.ConnectionId, message.Diagram, runId);
        if (!await leases.TryAcquireAsync(message.ConnectionId, message.Diagram, runId, cancellationToken))
        {
            // A run of this diagram is in progress: leave the message Requeued; the sweeper tries again shortly.
            logger.LogInformation("Message {MessageId} waits: diagram {Diagram} is running for {Connection}", messageId, message.Diagram, message.ConnectionId);
            return;
        }

        try
        {
            await ReprocessAsync(db, message, requestedBy, runId, cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(message.ConnectionId, message.Diagram, runId, CancellationToken.None);
        }
    }

    /// <summary>
    /// Processes every re-queued message of one (connection, diagram), oldest first, under one hold of the diagram's
    /// lease (renewed while it works, ADR-006), instead of one job per message that each waits for the lease (ADR-027).
    /// Whole-run summaries are left to <see cref="ProcessMessageAsync"/> (they run the diagram, which takes the lease
    /// itself). When the diagram is running, nothing is done and the job ends at once (it never waits for the lease): the
    /// sweeper enqueues it again. It runs on the maintenance workers, so it works in slices: after
    /// <see cref="RequeueOptions.JobSlice"/> it stops claiming, releases the lease and enqueues a job for the rest at the
    /// back of the maintenance queue, so the sweeper and the other diagrams' re-queues go in between (ADR-027 amendment).
    /// </summary>
    /// <returns>How many messages were claimed and attempted.</returns>
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Maintenance)]
    [JobDisplayName("Reprocessar reenfileiradas · diagrama {1} · {0}")]
    public async Task<int> ProcessRequeuedAsync(string connectionId, int diagram, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid();
        using var scope = BeginRunScope(connectionId, diagram, runId);
        if (!await leases.TryAcquireAsync(connectionId, diagram, runId, cancellationToken))
        {
            logger.LogInformation("Re-queued messages of diagram {Diagram} wait: it is running for {Connection}", diagram, connectionId);
            return 0;
        }

        using var heartbeat = new CancellationTokenSource();
        var renewal = leases.KeepRenewedAsync(connectionId, diagram, runId, heartbeat.Token);
        var attempted = 0;
        var jobs = services.GetService(typeof(IBackgroundJobClient)) as IBackgroundJobClient;
        var sliceEnds = jobs is null ? DateTimeOffset.MaxValue : time.GetUtcNow() + RequeueSlice;
        var sliced = false;
        try
        {
            long afterId = 0;
            while (!sliced && !cancellationToken.IsCancellationRequested)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var page = await db.Messages.AsNoTracking()
                    .Where(m => m.ConnectionId == connectionId && m.Diagram == diagram && m.Situation == MessageSituation.Requeued && m.Id > afterId
                        && !(m.Component == CountComponent && m.BusinessKey == RunKey))
                    .OrderBy(m => m.Id)
                    .Take(RequeuedPage)
                    .ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var message in page)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (attempted > 0 && time.GetUtcNow() >= sliceEnds)
                    {
                        sliced = true;
                        break;
                    }

                    var requestedBy = string.IsNullOrEmpty(message.RequeuedBy) ? Triggers.Requeue : message.RequeuedBy;
                    if (await ReprocessAsync(db, message, requestedBy, runId, cancellationToken))
                    {
                        attempted++;
                    }
                }

                afterId = page[^1].Id;
            }
        }
        finally
        {
            await heartbeat.CancelAsync();
            await renewal;
            await leases.ReleaseAsync(connectionId, diagram, runId, CancellationToken.None);
        }

        if (sliced)
        {
            // After the release: a job taken before it would find the lease held and end without doing anything.
            jobs!.Enqueue<DiagramRunner>(r => r.ProcessRequeuedAsync(connectionId, diagram, CancellationToken.None));
            logger.LogInformation(
                "Re-queued messages of diagram {Diagram} for {Connection}: {Attempted} attempted in this slice; the rest goes on in a new job",
                diagram, connectionId, attempted);
            return attempted;
        }

        logger.LogInformation("Re-queued messages of diagram {Diagram} for {Connection}: {Attempted} attempted", diagram, connectionId, attempted);
        return attempted;
    }

    /// <summary>
    /// One re-queued message's attempt, with the diagram's lease held by the caller: claims it (Requeued → Processing; false
    /// when someone else did, or it was resolved meanwhile), re-runs its business key from the current state, and records
    /// the attempt.
    /// </summary>
    private async Task<bool> ReprocessAsync(IpaasDbContext db, IntegrationMessage message, string requestedBy, Guid runId, CancellationToken cancellationToken)
    {
        if (!await ClaimAsync(db, message, cancellationToken))
        {
            return false;
        }

        var started = time.GetUtcNow().UtcDateTime;
        ItemResult outcome;
        try
        {
            var connection = FindConnection(message.ConnectionId);
            var definition = DiagramCatalog.Get(message.Diagram);
            await using var recorder = new MessageRecorder(dbFactory, time, message.ConnectionId, message.Diagram, runId, requestedBy);
            using var stateWrites = recorder.Use();
            var context = NewContext(connection, definition, runId, requestedBy, recorder);
            outcome = await registry.Get(message.Diagram).ReprocessAsync(context, message.BusinessKey ?? "", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Re-queued message {MessageId} failed", message.MessageId);
            outcome = ItemResult.Fail(message.Component, message.BusinessKey ?? "", null, ex.Message);
        }

        await CompleteAttemptAsync(db, message, outcome, started, requestedBy, outcome.RemoteResponse, cancellationToken);
        return true;
    }

    private Task<bool> ClaimAsync(IpaasDbContext db, IntegrationMessage message, CancellationToken cancellationToken) =>
        MoveAsync(db, message, MessageSituation.Requeued, MessageSituation.Processing, cancellationToken);

    /// <summary>A conditional change of one message's situation (from → to) with its hourly counters, in one transaction.</summary>
    private async Task<bool> MoveAsync(IpaasDbContext db, IntegrationMessage message, MessageSituation from, MessageSituation to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await MessageCounts.InTransitionAsync(db, async () =>
        {
            var moved = await db.Messages
                .Where(m => m.Id == message.Id && m.Situation == from)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Situation, to).SetProperty(m => m.UpdatedAtUtc, now), cancellationToken);
            if (moved == 1)
            {
                await MessageCounts.MoveAsync(db, [new CountedMessage(message.ConnectionId, message.Diagram, message.ReceivedAtUtc, message.CauseKey)], from, to, cancellationToken);
            }

            return moved == 1;
        }, cancellationToken);
    }

    private async Task CompleteAttemptAsync(IpaasDbContext db, IntegrationMessage message, ItemResult result, DateTime startedUtc, string triggeredBy, string? excerpt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await MessageCounts.InTransitionAsync(db, async () =>
        {
            db.ChangeTracker.Clear();
            var tracked = await db.Messages.Include(m => m.Payload).SingleAsync(m => m.Id == message.Id, cancellationToken);
            var previous = tracked.Situation;
            var previousCause = tracked.CauseKey;
            tracked.Situation = result.Situation;
            tracked.Component = MessageRecorder.Truncate(result.Component, IntegrationMessage.ComponentMaxLength)!;
            tracked.LastError = MessageRecorder.Truncate(result.Error, IntegrationMessage.LastErrorMaxLength);
            tracked.UpdatedAtUtc = now;
            tracked.AttemptCount += 1;
            tracked.RequeuedBy = null;
            tracked.CauseKey = result.Situation == MessageSituation.Failed ? FailureCause.KeyOf(tracked.Diagram, tracked.Component, tracked.LastError) : null;
            tracked.ParentDiagram = result.Situation == MessageSituation.Failed ? result.ParentDiagram : null;
            tracked.ParentKey = result.Situation == MessageSituation.Failed ? MessageRecorder.Truncate(result.ParentKey, IntegrationMessage.BusinessKeyMaxLength) : null;
            if (result.Payload is not null)
            {
                tracked.Payload ??= new MessagePayload();
                tracked.Payload.Content = result.Payload;
                tracked.Payload.RemoteResponse = result.RemoteResponse;
            }

            db.Attempts.Add(new MessageAttempt
            {
                MessageId = message.Id,
                Number = tracked.AttemptCount,
                StartedAtUtc = startedUtc,
                EndedAtUtc = now,
                Outcome = result.Situation,
                Component = tracked.Component,
                Error = tracked.LastError,
                Excerpt = MessageRecorder.Truncate(excerpt, MessageAttempt.ExcerptMaxLength),
                TriggeredBy = triggeredBy,
            });
            await db.SaveChangesAsync(cancellationToken);
            await MessageCounts.MoveAsync(
                db, [new CountedMessage(tracked.ConnectionId, tracked.Diagram, tracked.ReceivedAtUtc, previous == MessageSituation.Failed ? previousCause : tracked.CauseKey)],
                previous, result.Situation, cancellationToken);
            if (result.Situation == MessageSituation.Processed && !string.IsNullOrEmpty(tracked.BusinessKey))
            {
                // Processed by a re-queue: the item's other open failures were all recorded before now (ADR-017).
                await MessageResolution.ResolveAsync(db, [MessageResolution.ForReprocessed(tracked, now)], cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The properties every event of a run (or of a re-queued message's attempt) carries: <c>Diagram</c> is always the
    /// number (the label, when a message shows it, is <c>DiagramLabel</c>), <c>Connection</c> the connection id.
    /// </summary>
    private IDisposable? BeginRunScope(string connectionId, int diagram, Guid runId) =>
        logger.BeginScope(new Dictionary<string, object> { ["Connection"] = connectionId, ["Diagram"] = diagram, ["RunId"] = runId });

    private ConnectionOptions FindConnection(string connectionId) =>
        options.CurrentValue.Connections.FirstOrDefault(c => c.Id == connectionId)
        ?? throw new InvalidOperationException($"Unknown connection '{connectionId}'.");

    private async Task<bool> IsEnabledAsync(string connectionId, int diagram, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var setting = await db.DiagramSettings.AsNoTracking()
            .SingleOrDefaultAsync(s => s.ConnectionId == connectionId && s.Diagram == diagram, cancellationToken);
        return setting?.Enabled ?? true;
    }

    private async Task SaveRunAsync(DiagramRun run, bool isNew, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (isNew)
        {
            db.Runs.Add(run);
        }
        else
        {
            db.Runs.Update(run);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
