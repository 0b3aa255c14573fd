using System.Collections;

namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>
/// One VTEX request as received: <see cref="Path"/> is the path after the account prefix, exactly as
/// the real host would see it (e.g. <c>/api/catalog/pvt/brand/12</c> or <c>/pricing/prices/7</c>), so
/// it can be checked against VTEX's OpenAPI (<see cref="Api"/> says which file). <see cref="Query"/> is the raw
/// query string with its leading "?" (empty when none); <see cref="QueryParameters"/> the parsed parameters.
/// </summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset At,
    string Account,
    string Api,
    string Method,
    string Path,
    string RouteTemplate,
    string Query,
    IReadOnlyDictionary<string, string> QueryParameters,
    string? ContentType,
    string? Accept,
    string? Body,
    int Status);

/// <summary>Bounded journal of VTEX requests (oldest dropped first). Enumerating takes a snapshot.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "\"Journal\" is the name the team uses (State.Journal); it is a bounded log, not a general collection.")]
public sealed class RequestJournal : IReadOnlyCollection<JournalEntry>
{
    private readonly Lock gate = new();
    private readonly Queue<JournalEntry> entries = new();
    private readonly int capacity;
    private long sequence;

    internal RequestJournal(int capacity) => this.capacity = Math.Max(1, capacity);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Copy of the entries, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Snapshot()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }

    public IEnumerator<JournalEntry> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(Func<long, JournalEntry> create)
    {
        lock (gate)
        {
            entries.Enqueue(create(++sequence));
            while (entries.Count > capacity)
            {
                entries.Dequeue();
            }
        }
    }

    internal void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
