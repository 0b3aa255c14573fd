namespace IpaasMonitor.Diagrams.Running;

/// <summary>What a run did, thread-safe; becomes the payload of the run's Count message.</summary>
public sealed class RunCounters
{
    private int read;
    private int changed;
    private int sent;
    private int failed;
    private int unchanged;

    public int Read => read;

    public int Changed => changed;

    public int Sent => sent;

    public int Failed => failed;

    public int Unchanged => unchanged;

    public void AddRead(int count = 1) => Interlocked.Add(ref read, count);

    public void AddChanged(int count = 1) => Interlocked.Add(ref changed, count);

    public void AddSent(int count = 1) => Interlocked.Add(ref sent, count);

    public void AddFailed(int count = 1) => Interlocked.Add(ref failed, count);

    public void AddUnchanged(int count = 1) => Interlocked.Add(ref unchanged, count);
}
