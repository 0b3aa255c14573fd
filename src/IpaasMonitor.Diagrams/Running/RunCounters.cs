using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>What a run did, thread-safe; becomes the payload of the run's Count message.</summary>
public sealed class RunCounters
{
    private int read;
    private int changed;
    private int sent;
    private int failed;
    private int unchanged;
    private int waiting;
    private int retried;

    public int Read => read;

    public int Changed => changed;

    public int Sent => sent;

    public int Failed => failed;

    public int Unchanged => unchanged;

    /// <summary>
    /// Records left pending because their parent is not in VTEX yet, whether or not this run wrote their waiting message
    /// (none while the parent is pending in the hub, and one per episode when it is stuck: see <c>SendOutcome.ResolveWait</c>).
    /// The ones whose message this run wrote are also in <see cref="Failed"/>.
    /// </summary>
    public int Waiting => waiting;

    /// <summary>
    /// Item steps tried again inside the run after a transient failure (ADR-018), every retry counted: the faults the
    /// run absorbed before anybody saw them. Only in the Count message's payload.
    /// </summary>
    public int Retried => retried;

    public void AddRetried(int count = 1) => Interlocked.Add(ref retried, count);

    public void AddRead(int count = 1) => Interlocked.Add(ref read, count);

    public void AddChanged(int count = 1) => Interlocked.Add(ref changed, count);

    public void AddSent(int count = 1) => Interlocked.Add(ref sent, count);

    public void AddFailed(int count = 1) => Interlocked.Add(ref failed, count);

    public void AddUnchanged(int count = 1) => Interlocked.Add(ref unchanged, count);

    public void AddWaiting(int count = 1) => Interlocked.Add(ref waiting, count);
}
