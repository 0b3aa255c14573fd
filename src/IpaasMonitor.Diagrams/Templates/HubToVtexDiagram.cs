using System.Collections.Concurrent;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Concurrency;
using IpaasMonitor.Connectors.Resilience;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Diagrams.Templates;

/// <summary>
/// The Hub → VTEX half of a catalogue pair: pages through the hub records whose content changed since VTEX last
/// accepted it, sends each as an idempotent upsert (as many at once as the connection's adaptive limit allows, ADR-023;
/// the connection's rate limiter does the rest),
/// writes one message per record, and remembers the outcome a page at a time. A re-queue sends one record again from
/// the current hub state.
/// </summary>
/// <typeparam name="TRun">What one run shares between its sends (clients, parent ids, caches).</typeparam>
public abstract class HubToVtexDiagram<TRun>(HubStore hub) : IDiagram, IResendable
    where TRun : class
{

    /// <summary>Sends at once when no adaptive limit is given (a context built outside the app).</summary>
    private const int FixedParallelism = 8;

    /// <summary>The step named when a send fails outside the steps the diagram names itself.</summary>
    private const string SendStep = "SEND";

    /// <summary>Records sent at once: <see cref="AdaptiveParallelism"/> (the default) follows the connection's adaptive limit; 1 when a record's parent may be in the same page (categories).</summary>
    protected virtual int Parallelism => AdaptiveParallelism;

    /// <summary>The <see cref="Parallelism"/> that takes a permit of the connection's adaptive limit around each send (ADR-023).</summary>
    protected const int AdaptiveParallelism = 0;

    /// <summary>The VTEX host whose limit the sends take their permits from (pricing diagrams: <see cref="ConnectorSystem.VtexPricing"/>).</summary>
    protected virtual ConnectorSystem SendSystem => ConnectorSystem.Vtex;

    protected HubStore Hub => hub;

    protected abstract Task<TRun> StartAsync(DiagramContext context, CancellationToken cancellationToken);

    /// <summary>Loads what the page's sends need in bulk (parent ids…), before they run in parallel.</summary>
    protected virtual Task PreparePageAsync(TRun run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract Task<SendOutcome> SendAsync(TRun run, HubRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="SendAsync"/> may run again for the same record after a transient failure, inside the run
    /// (ADR-018): true when it looks up what VTEX has before it writes (every catalogue sender), so a second try finds
    /// what a first one wrote. A sender that writes blindly must say false.
    /// </summary>
    protected virtual bool SafeToRepeat => true;

    /// <summary>Records that should not be sent by this diagram now (never sent, left pending).</summary>
    protected virtual bool Skip(TRun run, HubRecord record) => false;

    public Task RunAsync(DiagramContext context, CancellationToken cancellationToken) => SendPendingAsync(context, cancellationToken);

    /// <summary>Diagram 39, after its 24-hour re-read made the window's records pending again: sends them like a run.</summary>
    public Task ResendAsync(DiagramContext context, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        SendPendingAsync(context, cancellationToken);

    /// <summary>Sends every pending record of the row's hub kind.</summary>
    private async Task SendPendingAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = context.Definition.RequiredHubKind;
        var run = await StartAsync(context, cancellationToken);
        var pageSize = HubToVtex.PageSizeFor(SendParallelism(context));

        // The next page is read, and the last one's outcomes written, while a page is being sent: between two pages VTEX
        // waits only for the next page's preparation, not for the store (ADR-023 amendment: at VTEX's pace the store's
        // round trips between pages of 200 left about a seventh of the pricing limit unused). Pages never overlap their
        // sends, since a page's preparation sets the run's per-page state; categories send one at a time anyway.
        var next = hub.PendingAsync(context.Connection.Id, kind, 0, pageSize, cancellationToken);
        var finishing = Task.CompletedTask;
        try
        {
            while (true)
            {
                var page = await next;
                if (page.Count == 0)
                {
                    break;
                }

                next = hub.PendingAsync(context.Connection.Id, kind, page[^1].Id, pageSize, cancellationToken);
                var toSend = page.Where(r => !Skip(run, r)).ToList();
                var sent = await SendPageAsync(context, run, toSend, cancellationToken);
                await finishing;
                finishing = FinishPageAsync(context, sent, cancellationToken);
            }
        }
        finally
        {
            // Never leave a read or a write of this run running after it ends. Their own failures surface through the
            // await below, or come second to the one ending the run.
            await Task.WhenAll(next, finishing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await finishing;
    }

    public async Task<ItemResult> ReprocessAsync(DiagramContext context, string businessKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = context.Definition.RequiredHubKind;
        var record = await hub.FindAsync(context.Connection.Id, kind, businessKey, cancellationToken);
        if (record is null)
        {
            return ItemResult.Fail(MessageComponents.NotInHub, businessKey, null, $"{businessKey} não está no hub ({kind}): execute antes o diagrama ERP → Hub do par.");
        }

        var run = await StartAsync(context, cancellationToken);
        await PreparePageAsync(run, [record], cancellationToken);
        var outcome = await SendWithRetriesAsync(context, run, record, limits: null, cancellationToken);
        if (outcome.Wait is { } wait)
        {
            var states = await hub.ParentStatesAsync(context.Connection.Id, [.. wait.Keys], cancellationToken);
            outcome = outcome.ResolveWait(states, await UnreadParentKindsAsync(context, [outcome], states, cancellationToken));
        }

        outcome = EndWait(record, outcome);
        await hub.MarkManyAsync(outcome.Marks, cancellationToken);

        // The operator asked: the answer is the outcome even when a scheduled run would have stayed silent.
        return outcome.Result;
    }

    /// <summary>Sends at once: the diagram's own figure, or the connection's adaptive ceiling (whose permits pace them).</summary>
    private int SendParallelism(DiagramContext context) =>
        Math.Max(1, Parallelism != AdaptiveParallelism ? Parallelism : context.Concurrency?.MaxParallelSends ?? FixedParallelism);

    /// <summary>What sending a page left to write: the outcomes of its sends and the sends waiting for a parent.</summary>
    private sealed record SentPage(ConcurrentBag<SendOutcome> Outcomes, ConcurrentBag<SendOutcome> Waits);

    private async Task<SentPage> SendPageAsync(DiagramContext context, TRun run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken)
    {
        var outcomesOfPage = new ConcurrentBag<SendOutcome>();
        var waitsOfPage = new ConcurrentBag<SendOutcome>();
        if (page.Count == 0)
        {
            return new SentPage(outcomesOfPage, waitsOfPage);
        }

        await PreparePageAsync(run, page, cancellationToken);
        var outcomes = outcomesOfPage;
        var waits = waitsOfPage;
        var limits = Parallelism == AdaptiveParallelism ? context.Concurrency : null;
        var parallelism = SendParallelism(context);
        await Parallel.ForEachAsync(
            page,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (record, ct) =>
            {
                context.Counters.AddRead();
                context.Counters.AddChanged();
                var outcome = await SendWithRetriesAsync(context, run, record, limits, ct);

                if (outcome.Wait is not null)
                {
                    waits.Add(outcome); // told or silent once the page's parents have been looked up, below
                    return;
                }

                await RecordAsync(context, EndWait(record, outcome), outcomes, ct);
            });

        return new SentPage(outcomes, waits);
    }

    /// <summary>Tells (or keeps silent) the page's waits once their parents are looked up, then remembers every outcome.</summary>
    private async Task FinishPageAsync(DiagramContext context, SentPage sent, CancellationToken cancellationToken)
    {
        var (outcomes, waits) = (sent.Outcomes, sent.Waits);
        if (!waits.IsEmpty)
        {
            // One query for the parents of every waiting record of the page (ADR-012), not one per record.
            var states = await hub.ParentStatesAsync(context.Connection.Id, [.. waits.SelectMany(w => w.Wait!.Keys)], cancellationToken);
            var unread = await UnreadParentKindsAsync(context, waits, states, cancellationToken);
            foreach (var wait in waits)
            {
                await RecordAsync(context, wait.ResolveWait(states, unread), outcomes, cancellationToken);
            }
        }

        await hub.MarkManyAsync([.. outcomes.SelectMany(o => o.Marks)], cancellationToken);
    }

    /// <summary>
    /// Sends one record; a transient failure is tried again inside the run with the back-off of the system it failed on
    /// (<see cref="StepRetry"/>, ADR-018), the whole send again (it looks up before it writes, so a write whose answer was
    /// lost is found, not repeated) or only the part the outcome names (<see cref="SendOutcome.Repeat"/>).
    /// </summary>
    private async Task<SendOutcome> SendWithRetriesAsync(
        DiagramContext context, TRun run, HubRecord record, ConcurrencyLimits? limits, CancellationToken cancellationToken)
    {
        Task<SendOutcome> Whole(CancellationToken ct) => Guarded(context, limits, record, ct2 => SendAsync(run, record, ct2), ct);
        if (!SafeToRepeat)
        {
            return await Whole(cancellationToken);
        }

        return await StepRetry.RunAsync(
            Whole,
            o => o.Transient,
            o => o.Repeat is { } part ? ct => Guarded(context, limits, record, part, ct) : null,
            context.StepRetry,
            context.Time,
            (retry, delay, error) =>
            {
                context.Counters.AddRetried();
                context.Logger.LogInformation(
                    "Retrying {BusinessKey} in the run (retry {Retry}, after {Delay}): {Failure}", record.ErpKey, retry, delay, error.Message);
            },
            cancellationToken);
    }

    /// <summary>
    /// One try of a send, holding a permit of the connection's adaptive limit (ADR-023) only while it calls VTEX (never
    /// during a retry's back-off). A send whose call failed outside the steps it names itself is a failed send of
    /// <see cref="SendStep"/>.
    /// </summary>
    private async Task<SendOutcome> Guarded(
        DiagramContext context, ConcurrencyLimits? limits, HubRecord record, Func<CancellationToken, Task<SendOutcome>> send, CancellationToken cancellationToken)
    {
        try
        {
            using var permit = limits is null ? ConcurrencyPermit.None : await limits.AcquireSendAsync(context.Connection.Id, SendSystem, cancellationToken);
            return await send(cancellationToken);
        }
        catch (ConnectorException ex)
        {
            return SendOutcome.Failed(record, SendStep, record.Content, ex);
        }
    }

    /// <summary>
    /// The kinds of the page's missing parents whose ERP read has not completed since this process started (ADR-018): the
    /// hub may simply not have them yet, so their children wait in silence. One query on the runs, only when a wait
    /// names a parent the hub does not have.
    /// </summary>
    private async Task<IReadOnlySet<string>> UnreadParentKindsAsync(
        DiagramContext context, IEnumerable<SendOutcome> waits, IReadOnlyDictionary<HubKey, HubParentState> states, CancellationToken cancellationToken)
    {
        var missing = waits.SelectMany(w => w.Wait?.Parents ?? []).Where(p => SendOutcome.IsMissing(p, states)).Select(p => p.Kind).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return missing;
        }

        var read = await hub.KindsReadSinceAsync(context.Connection.Id, missing, context.ProcessStartedAtUtc, cancellationToken);
        missing.ExceptWith(read);
        return missing;
    }

    private static async Task RecordAsync(DiagramContext context, SendOutcome outcome, ConcurrentBag<SendOutcome> outcomes, CancellationToken cancellationToken)
    {
        outcomes.Add(outcome);
        if (outcome.IsWaiting)
        {
            context.Counters.AddWaiting();
        }

        if (!outcome.Silent)
        {
            await context.RecordAsync(outcome.Result, cancellationToken);
        }
    }

    /// <summary>
    /// A record that was waiting and got past the wait without a mark of its own (a transient failure) ends its waiting
    /// episode, so a later wait writes one message again. Sent and refused records end it through their own marks.
    /// </summary>
    private static SendOutcome EndWait(HubRecord record, SendOutcome outcome) =>
        record.WaitingHash is null || outcome.IsWaiting || outcome.Marks.Any(m => m.RecordId == record.Id)
            ? outcome
            : outcome with { Marks = [.. outcome.Marks, HubMark.WaitEnded(record)] };
}
