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
    /// The parent is not in VTEX yet: the record stays pending, so the next run tries again. What the grid is told
    /// depends on where the parent stands in the hub, which <see cref="HubToVtexDiagram{TRun}"/> reads for the whole
    /// page at once and applies with <see cref="ResolveWait"/> (ADR-012). Until then the outcome is a silent wait.
    /// </summary>
    public static SendOutcome Waiting(HubRecord record, string payload, WaitParent parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return Waiting(record, payload, parent.Label, [parent]);
    }

    /// <summary>A wait for several parents at once (18's similar references), named together by <paramref name="label"/>.</summary>
    public static SendOutcome Waiting(HubRecord record, string payload, string label, IReadOnlyList<WaitParent> parents)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(parents);
        return new(WaitingResult(record, payload, label, PendingReason), []) { IsWaiting = true, Silent = true, Wait = new ParentWait(record, payload, label, parents) };
    }

    /// <summary>The parents this outcome waits for, still to be looked up (<see cref="ResolveWait"/>); null otherwise.</summary>
    public ParentWait? Wait { get; init; }

    /// <summary>
    /// Decides a wait from where its parents stand in the hub (ADR-012):
    /// <list type="bullet">
    /// <item>every parent pending in the hub (normal order: its own diagram sends it on its next run) or already in
    /// VTEX: a silent wait, nothing written to the grid; a waiting episode told earlier is over;</item>
    /// <item>a parent stuck (missing from the hub, refused by VTEX, or itself stuck waiting): the waiting failure says
    /// why, once per waiting episode (ADR-010): the first run writes it and remembers the content and the message's
    /// subject (<see cref="HubMark.Waiting"/>); later runs that find the same subject for the same content are silent.</item>
    /// </list>
    /// A re-queue gets <see cref="Result"/> either way.
    /// </summary>
    public SendOutcome ResolveWait(IReadOnlyDictionary<HubKey, HubParentState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (Wait is not { } wait)
        {
            return this;
        }

        var record = wait.Record;
        var stuck = wait.Parents.Select(p => (Parent: p, Reason: StuckReason(p, states))).Where(p => p.Reason is not null).ToList();
        if (stuck.Count == 0)
        {
            return new(Result, record.WaitingHash is null ? [] : [HubMark.WaitEnded(record)]) { IsWaiting = true, Silent = true };
        }

        var why = wait.Parents.Count == 1 ? stuck[0].Reason : string.Join("; ", stuck.Select(p => $"{p.Parent.Label}: {p.Reason}"));
        var subject = $"{wait.Label}: {why}";
        var result = ItemResult.Fail(HubToVtex.WaitingComponent, record.ErpKey, wait.Payload, $"aguardando {subject}; será enviado quando isso for resolvido.");
        return HubMark.IsWaitingFor(record, subject)
            ? new(result, []) { IsWaiting = true, Silent = true }
            : new(result, [HubMark.Waiting(record, subject)]) { IsWaiting = true };
    }

    /// <summary>Why a parent will not arrive by itself; null when it is pending (or already there), so the wait is normal order.</summary>
    private static string? StuckReason(WaitParent parent, IReadOnlyDictionary<HubKey, HubParentState> states)
    {
        var found = parent.Keys.Select(k => states.GetValueOrDefault(new HubKey(parent.Kind, k))).OfType<HubParentState>().ToList();
        if (found.Count == 0)
        {
            return "não está no hub (não existe no ERP, ou a leitura do ERP o recusou)";
        }

        if (found.Any(s => s.Status is HubParentStatus.Pending or HubParentStatus.InVtex))
        {
            return null;
        }

        var first = found.OrderBy(s => s.Status).First();
        return first.Status switch
        {
            HubParentStatus.Rejected => $"recusado pela VTEX{SeeDiagram(parent.Kind)}",
            HubParentStatus.Waiting => $"ele também está aguardando ({first.WaitingFor})",
            _ => "marcado como enviado, mas sem o id da VTEX no hub",
        };
    }

    private static string SeeDiagram(string kind) => kind switch
    {
        HubKinds.Brand => " (veja a falha no diagrama 02)",
        HubKinds.Category => " (veja a falha no diagrama 04)",
        HubKinds.Product => " (veja a falha no diagrama 06)",
        HubKinds.Sku => " (veja a falha no diagrama 10)",
        _ => "",
    };

    private const string PendingReason = "ainda não está na VTEX; será enviado numa próxima execução.";

    /// <summary>
    /// The parent is not in VTEX yet and another diagram will send this record with it: a scheduled run leaves it
    /// pending without any grid message and without remembering anything; a re-queued message still gets the waiting answer.
    /// </summary>
    public static SendOutcome Deferred(HubRecord record, string payload, string parent)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(parent);
        return new(WaitingResult(record, payload, parent, PendingReason), []) { IsWaiting = true, Silent = true };
    }

    /// <summary>Nothing to show in the grid for this record in a scheduled run (see <see cref="ResolveWait"/> and <see cref="Deferred"/>).</summary>
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

    private static ItemResult WaitingResult(HubRecord record, string payload, string parent, string reason) =>
        ItemResult.Fail(HubToVtex.WaitingComponent, record.ErpKey, payload, $"aguardando {parent}: {reason}");

    /// <summary>The hub content itself is unusable (should not happen: ERP→Hub validated it).</summary>
    public static SendOutcome Unreadable(HubRecord record, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        return new(ItemResult.Fail("READ hub", record.ErpKey, record.Content, $"Conteúdo ilegível no hub: {error.Message}"), [HubMark.Rejected(record)]);
    }
}

/// <summary>
/// What a waiting record waits for: the name the message gives it and the hub records of one kind that stand for it.
/// Usually one record; 18 waits for "an SKU of reference X", so every SKU of X, and any one of them pending is
/// normal order. No key at all means the parent is not in the hub.
/// </summary>
public sealed record WaitParent(string Label, string Kind, IReadOnlyList<string> Keys)
{
    public static WaitParent Of(string label, string kind, string? key) => new(label, kind, string.IsNullOrEmpty(key) ? [] : [key]);
}

/// <summary>A wait whose parents are still to be looked up in the hub (see <see cref="SendOutcome.ResolveWait"/>).</summary>
public sealed record ParentWait(HubRecord Record, string Payload, string Label, IReadOnlyList<WaitParent> Parents)
{
    public IEnumerable<HubKey> Keys => Parents.SelectMany(p => p.Keys.Select(k => new HubKey(p.Kind, k)));
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
