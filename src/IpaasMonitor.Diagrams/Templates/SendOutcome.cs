using System.Text.Json;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Hub;
using IpaasMonitor.Diagrams.Running;

namespace IpaasMonitor.Diagrams.Templates;

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
    /// A parent missing from the hub whose kind is in <paramref name="unreadKinds"/> (its ERP read has not completed since
    /// the process started: a restart, a killed first pass) is not known to be stuck yet: a silent wait that keeps any
    /// episode as it is (ADR-018). A re-queue gets <see cref="Result"/> either way.
    /// </summary>
    public SendOutcome ResolveWait(IReadOnlyDictionary<HubKey, HubParentState> states, IReadOnlySet<string>? unreadKinds = null)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (Wait is not { } wait)
        {
            return this;
        }

        var record = wait.Record;
        if (unreadKinds is { Count: > 0 } && wait.Parents.Any(p => unreadKinds.Contains(p.Kind) && IsMissing(p, states)))
        {
            return new(Result, []) { IsWaiting = true, Silent = true };
        }

        var stuck = wait.Parents.Select(p => (Parent: p, Reason: StuckReason(p, states))).Where(p => p.Reason is not null).ToList();
        if (stuck.Count == 0)
        {
            return new(Result, record.WaitingHash is null ? [] : [HubMark.WaitEnded(record)]) { IsWaiting = true, Silent = true };
        }

        var why = wait.Parents.Count == 1 ? stuck[0].Reason : string.Join("; ", stuck.Select(p => $"{p.Parent.Label}: {p.Reason}"));
        var subject = $"{wait.Label}: {why}";
        var result = ItemResult.Fail(MessageComponents.WaitingParent, record.ErpKey, wait.Payload, $"aguardando {subject}; será enviado quando isso for resolvido.");
        if (stuck.Select(p => FailedParent(p.Parent, states)).FirstOrDefault(p => p is not null) is { } failed)
        {
            result = result with { ParentDiagram = failed.Diagram, ParentKey = failed.Key };
        }

        return HubMark.IsWaitingFor(record, subject)
            ? new(result, []) { IsWaiting = true, Silent = true }
            : new(result, [HubMark.Waiting(record, subject)]) { IsWaiting = true };
    }

    /// <summary>True when none of the hub records that stand for <paramref name="parent"/> is in the hub.</summary>
    public static bool IsMissing(WaitParent parent, IReadOnlyDictionary<HubKey, HubParentState> states)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(states);
        return !parent.Keys.Any(k => states.ContainsKey(new HubKey(parent.Kind, k)));
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

    /// <summary>
    /// The parent's item whose open failure holds this wait (ADR-017 amendment 3): a parent refused by VTEX, or itself
    /// waiting, has a failure of its own in the diagram that sends it, under its ERP key. Null for a parent missing from the
    /// hub or marked sent without an id: no failure of that diagram stands for it.
    /// </summary>
    private static (int Diagram, string Key)? FailedParent(WaitParent parent, IReadOnlyDictionary<HubKey, HubParentState> states)
    {
        if (DiagramCatalog.SenderOf(parent.Kind) is not { } sender)
        {
            return null;
        }

        var failed = parent.Keys
            .Select(k => (Key: k, State: states.GetValueOrDefault(new HubKey(parent.Kind, k))))
            .Where(p => p.State?.Status is HubParentStatus.Rejected or HubParentStatus.Waiting)
            .OrderBy(p => p.State!.Status)
            .FirstOrDefault();
        return failed.Key is null ? null : (sender.Number, failed.Key);
    }

    private static string SeeDiagram(string kind) =>
        DiagramCatalog.SenderOf(kind) is { } sender ? $" (veja a falha no diagrama {sender.Number:00})" : "";

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

    /// <summary>
    /// A failed call: a permanent refusal (4xx) is remembered so runs stop re-sending that content until it changes; a
    /// transient one leaves the record pending and is carried in <see cref="Transient"/>, so the template may try the
    /// step again inside the run (ADR-018).
    /// </summary>
    public static SendOutcome Failed(HubRecord record, string step, string payload, ConnectorException error)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        var result = ItemResult.Fail(step, record.ErpKey, payload, error.Failure.ToShortMessage(), error.Failure.ResponseExcerpt ?? error.RemoteMessage);
        return new(result, error.Kind == ConnectorErrorKind.Permanent ? [HubMark.Rejected(record)] : [])
        {
            Transient = error.Kind == ConnectorErrorKind.Transient ? error : null,
        };
    }

    /// <summary>
    /// The transient failure (5xx, 429 after the HTTP retries, timeout, connection failure, open circuit) that left this
    /// outcome unfinished, when trying again may succeed; null for a success, a wait or a permanent refusal.
    /// </summary>
    public ConnectorException? Transient { get; init; }

    /// <summary>
    /// What to try again after <see cref="Transient"/> when it is not the whole send: the part that failed (10's price
    /// after its SKU was written). Null means the whole send, which looks up before it writes.
    /// </summary>
    public Func<CancellationToken, Task<SendOutcome>>? Repeat { get; init; }

    private static ItemResult WaitingResult(HubRecord record, string payload, string parent, string reason) =>
        ItemResult.Fail(MessageComponents.WaitingParent, record.ErpKey, payload, $"aguardando {parent}: {reason}");

    /// <summary>The hub content itself is unusable (should not happen: ERP→Hub validated it).</summary>
    public static SendOutcome Unreadable(HubRecord record, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(error);
        return new(ItemResult.Fail(MessageComponents.UnreadableHub, record.ErpKey, record.Content, $"Conteúdo ilegível no hub: {error.Message}"), [HubMark.Rejected(record)]);
    }
}
