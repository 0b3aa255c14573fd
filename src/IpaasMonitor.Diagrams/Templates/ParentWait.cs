using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Templates;

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
