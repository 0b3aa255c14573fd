using System.Collections.Concurrent;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Concurrency;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

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
    private const int PageSize = 200;

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
        long afterId = 0;
        while (true)
        {
            var page = await hub.PendingAsync(context.Connection.Id, kind, afterId, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            afterId = page[^1].Id;
            var toSend = page.Where(r => !Skip(run, r)).ToList();
            await SendPageAsync(context, run, toSend, cancellationToken);
        }
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
        var outcome = await SendAsync(run, record, cancellationToken);
        if (outcome.Wait is { } wait)
        {
            outcome = outcome.ResolveWait(await hub.ParentStatesAsync(context.Connection.Id, [.. wait.Keys], cancellationToken));
        }

        outcome = EndWait(record, outcome);
        await hub.MarkManyAsync(outcome.Marks, cancellationToken);

        // The operator asked: the answer is the outcome even when a scheduled run would have stayed silent.
        return outcome.Result;
    }

    private async Task SendPageAsync(DiagramContext context, TRun run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return;
        }

        await PreparePageAsync(run, page, cancellationToken);
        var outcomes = new ConcurrentBag<SendOutcome>();
        var waits = new ConcurrentBag<SendOutcome>();
        var limits = Parallelism == AdaptiveParallelism ? context.Concurrency : null;
        var parallelism = Parallelism != AdaptiveParallelism ? Parallelism : limits?.MaxParallelSends ?? FixedParallelism;
        await Parallel.ForEachAsync(
            page,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (record, ct) =>
            {
                context.Counters.AddRead();
                context.Counters.AddChanged();
                SendOutcome outcome;
                try
                {
                    using var permit = limits is null ? ConcurrencyPermit.None : await limits.AcquireSendAsync(context.Connection.Id, SendSystem, ct);
                    outcome = await SendAsync(run, record, ct);
                }
                catch (ConnectorException ex)
                {
                    outcome = SendOutcome.Failed(record, SendStep, record.Content, ex);
                }

                if (outcome.Wait is not null)
                {
                    waits.Add(outcome); // told or silent once the page's parents have been looked up, below
                    return;
                }

                await RecordAsync(context, EndWait(record, outcome), outcomes, ct);
            });

        if (!waits.IsEmpty)
        {
            // One query for the parents of every waiting record of the page (ADR-012), not one per record.
            var states = await hub.ParentStatesAsync(context.Connection.Id, [.. waits.SelectMany(w => w.Wait!.Keys)], cancellationToken);
            foreach (var wait in waits)
            {
                await RecordAsync(context, wait.ResolveWait(states), outcomes, cancellationToken);
            }
        }

        await hub.MarkManyAsync([.. outcomes.SelectMany(o => o.Marks)], cancellationToken);
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
