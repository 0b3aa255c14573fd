using System.Collections.Concurrent;
using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Common;

/// <summary>What sending one hub record did: the grid message and what to remember about the record(s).</summary>
public sealed record SendOutcome(ItemResult Result, IReadOnlyList<HubMark> Marks)
{
    public static SendOutcome Sent(ItemResult result, params HubMark[] marks) => new(result, marks);

    /// <summary>
    /// The parent is not in VTEX yet: the record stays pending, so the next run tries again. The waiting failure is
    /// written once per waiting episode: the first run that finds the parent missing writes it and remembers the content
    /// and the parent (<see cref="HubMark.Waiting"/>); later runs that find the same parent missing for the same content
    /// are <see cref="Silent"/> (one failure per record per run would bury the real ones while a first load is under way).
    /// A new content or another missing parent writes one message again, and so does a wait after the record was sent.
    /// A re-queued message gets the waiting answer either way (ADR-010).
    /// </summary>
    public static SendOutcome Waiting(HubRecord record, string payload, string parent)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(parent);
        var result = WaitingResult(record, payload, parent);
        return HubMark.IsWaitingFor(record, parent)
            ? new(result, []) { IsWaiting = true, Silent = true }
            : new(result, [HubMark.Waiting(record, parent)]) { IsWaiting = true };
    }

    /// <summary>
    /// The parent is not in VTEX yet and another diagram will send this record with it: a scheduled run leaves it
    /// pending without any grid message and without remembering anything; a re-queued message still gets the waiting answer.
    /// </summary>
    public static SendOutcome Deferred(HubRecord record, string payload, string parent)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(WaitingResult(record, payload, parent), []) { IsWaiting = true, Silent = true };
    }

    /// <summary>Nothing to show in the grid for this record in a scheduled run (see <see cref="Waiting"/> and <see cref="Deferred"/>).</summary>
    public bool Silent { get; init; }

    /// <summary>The record waits for its parent (counted as waiting in the run's summary, written or not).</summary>
    public bool IsWaiting { get; init; }

    /// <summary>A failed call: a permanent refusal (4xx) is remembered so runs stop re-sending that content until it changes.</summary>
    public static SendOutcome Failed(HubRecord record, string step, string payload, ConnectorException error)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        var result = ItemResult.Fail(step, record.ErpKey, payload, error.Failure.ToShortMessage(), error.Failure.ResponseExcerpt ?? error.RemoteMessage);
        return new(result, error.Kind == ConnectorErrorKind.Permanent ? [HubMark.Rejected(record)] : []);
    }

    private static ItemResult WaitingResult(HubRecord record, string payload, string parent) =>
        ItemResult.Fail(HubToVtex.WaitingComponent, record.ErpKey, payload, $"aguardando {parent}: ainda não está na VTEX; será enviado numa próxima execução.");

    /// <summary>The hub content itself is unusable (should not happen: ERP→Hub validated it).</summary>
    public static SendOutcome Unreadable(HubRecord record, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        return new(ItemResult.Fail("READ hub", record.ErpKey, record.Content, $"Conteúdo ilegível no hub: {error.Message}"), [HubMark.Rejected(record)]);
    }
}

/// <summary>Shared names of the Hub → VTEX steps.</summary>
public static class HubToVtex
{
    public const string CreatedComponent = "CREATE OK";
    public const string UpdatedComponent = "UPDATE OK";
    public const string AssociatedComponent = "ASSOCIATE OK";
    public const string WaitingComponent = "WAITING PARENT";

    public static string Json(object value) => JsonSerializer.Serialize(value, HubStore.Json);
}

/// <summary>
/// The Hub → VTEX half of a catalogue pair: pages through the hub records whose content changed since VTEX last
/// accepted it, sends each as an idempotent upsert (bounded parallelism; the connection's rate limiter does the rest),
/// writes one message per record, and remembers the outcome a page at a time. A re-queue sends one record again from
/// the current hub state.
/// </summary>
/// <typeparam name="TRun">What one run shares between its sends (clients, parent ids, caches).</typeparam>
public abstract class HubToVtexDiagram<TRun>(HubStore hub) : IDiagram
    where TRun : class
{
    private const int PageSize = 200;

    public abstract IReadOnlyCollection<int> Numbers { get; }

    protected abstract string Kind { get; }

    /// <summary>Records sent at once; 1 when a record's parent may be in the same page (categories).</summary>
    protected virtual int Parallelism => 4;

    protected HubStore Hub => hub;

    protected abstract Task<TRun> StartAsync(DiagramContext context, CancellationToken cancellationToken);

    /// <summary>Loads what the page's sends need in bulk (parent ids…), before they run in parallel.</summary>
    protected virtual Task PreparePageAsync(TRun run, IReadOnlyList<HubRecord> page, CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract Task<SendOutcome> SendAsync(TRun run, HubRecord record, CancellationToken cancellationToken);

    /// <summary>Records that should not be sent by this diagram now (never sent, left pending).</summary>
    protected virtual bool Skip(TRun run, HubRecord record) => false;

    public Task RunAsync(DiagramContext context, CancellationToken cancellationToken) => SendPendingAsync(context, cancellationToken);

    /// <summary>Sends every pending record of <see cref="Kind"/> (diagram 39 calls it after its 24-hour re-read).</summary>
    public async Task SendPendingAsync(DiagramContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = await StartAsync(context, cancellationToken);
        long afterId = 0;
        while (true)
        {
            var page = await hub.PendingAsync(context.Connection.Id, Kind, afterId, PageSize, cancellationToken);
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
        var record = await hub.FindAsync(context.Connection.Id, Kind, businessKey, cancellationToken);
        if (record is null)
        {
            return ItemResult.Fail("GET hub", businessKey, null, $"{businessKey} não está no hub ({Kind}): execute antes o diagrama ERP → Hub do par.");
        }

        var run = await StartAsync(context, cancellationToken);
        await PreparePageAsync(run, [record], cancellationToken);
        var outcome = EndWait(record, await SendAsync(run, record, cancellationToken));
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
        await Parallel.ForEachAsync(
            page,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            async (record, ct) =>
            {
                context.Counters.AddRead();
                context.Counters.AddChanged();
                SendOutcome outcome;
                try
                {
                    outcome = await SendAsync(run, record, ct);
                }
                catch (ConnectorException ex)
                {
                    outcome = SendOutcome.Failed(record, "SEND", record.Content, ex);
                }

                outcome = EndWait(record, outcome);
                outcomes.Add(outcome);
                if (outcome.IsWaiting)
                {
                    context.Counters.AddWaiting();
                }

                if (!outcome.Silent)
                {
                    await context.RecordAsync(outcome.Result, ct);
                }
            });
        await hub.MarkManyAsync([.. outcomes.SelectMany(o => o.Marks)], cancellationToken);
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
