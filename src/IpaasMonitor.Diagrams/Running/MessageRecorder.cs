using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Writes a run's messages in batches (one short transaction per batch) so busy runs neither hold SQLite's write lock
/// for long nor pay a round trip per message. A batch is written when it is full or, for slow runs, when its oldest
/// message has waited <see cref="DefaultMaxDelay"/>, so the grid shows a run's messages within about a second. On
/// SQLite the callers compress the payloads on their own threads (and the text is let go: only the compressed bytes
/// wait in the buffer) and a batch is written in the background while the next one fills (at most one batch in flight,
/// so memory stays bounded); a failed write surfaces on a later call, on <see cref="FlushAsync"/> or on dispose, never
/// silently. Each batch resolves the earlier failures of the items it records as processed (ADR-017).
/// <para>
/// A hub-state change of the run (a hub record stored or marked, an order moved, a watermark advanced) commits through
/// <see cref="CommitAsync{T}"/>: in the transaction that writes every message buffered so far, plus the messages the
/// change itself produces, so an item's message is durable when its state is (ADR-027). The stores find the recorder of
/// the run they work for through <see cref="Current"/> (<see cref="StateWrites"/>).
/// </para>
/// </summary>
public sealed class MessageRecorder : IAsyncDisposable
{
    /// <summary>Messages per transaction: large enough that a busy run records well past 20,000 messages/s (bench/).</summary>
    public const int DefaultBatchSize = 5_000;

    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1);

    private readonly IDbContextFactory<IpaasDbContext> dbFactory;
    private readonly TimeProvider time;
    private readonly string connectionId;
    private readonly int diagram;
    private readonly Guid runId;
    private readonly string triggeredBy;
    private readonly int batchSize;
    private readonly TimeSpan maxDelay;
    private static readonly AsyncLocal<MessageRecorder?> Ambient = new();

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ITimer timer;
    private List<EncodedMessage> buffer;
    private DateTimeOffset oldestBuffered;
    private Task inFlight = Task.CompletedTask;
    private bool? sqlite;

    // PostgreSQL has a bulk writer of its own (binary COPY); set with sqlite on the first message.
    private bool postgres;
    private int written;
    private bool disposed;

    public MessageRecorder(
        IDbContextFactory<IpaasDbContext> dbFactory,
        TimeProvider time,
        string connectionId,
        int diagram,
        Guid runId,
        string triggeredBy,
        int batchSize = DefaultBatchSize,
        TimeSpan? maxDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.dbFactory = dbFactory;
        this.time = time;
        this.connectionId = connectionId;
        this.diagram = diagram;
        this.runId = runId;
        this.triggeredBy = triggeredBy;
        this.batchSize = batchSize;
        this.maxDelay = maxDelay ?? DefaultMaxDelay;
        buffer = new List<EncodedMessage>(Math.Min(batchSize, 256));
        var tick = this.maxDelay / 2;
        timer = time.CreateTimer(_ => FlushIfDue(), null, tick, tick);
    }

    public int Written => Volatile.Read(ref written);

    /// <summary>The recorder of the run (or re-queue attempt) this flow of work belongs to, if any (<see cref="Use"/>).</summary>
    public static MessageRecorder? Current => Ambient.Value;

    /// <summary>
    /// Makes this recorder <see cref="Current"/> for the calling flow (and the work it starts) until the returned scope is
    /// disposed: the hub-state writes made meanwhile commit with its messages.
    /// </summary>
    public IDisposable Use()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Restore(previous);
    }

    /// <summary>
    /// Runs a state change in the transaction that writes every message recorded so far, with the messages the change
    /// returns (built from what it found, e.g. the records an upsert really changed), and returns its value once committed.
    /// Waits for the write: the caller goes on only when its state and its messages are durable together. Never call the
    /// recorder from inside <paramref name="change"/>.
    /// </summary>
    public async Task<T> CommitAsync<T>(Func<IpaasDbContext, CancellationToken, Task<StateChange<T>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var pending = inFlight;
            inFlight = Task.CompletedTask;
            await pending;
            var batch = buffer;
            buffer = new List<EncodedMessage>(Math.Min(batchSize, 256));
            T value = default!;
            await WriteAsync(batch, async (db, ct) =>
            {
                var outcome = await change(db, ct);
                value = outcome.Value;
                return outcome.Messages;
            }, cancellationToken);
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task RecordAsync(ItemResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = time.GetUtcNow();
        sqlite ??= IsSqlite();
        var encoded = Encode(result);

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (buffer.Count == 0)
            {
                oldestBuffered = now;
            }

            buffer.Add(encoded);
            if (buffer.Count >= batchSize)
            {
                await inFlight; // back-pressure: one batch written while the next fills
                StartWrite();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var pending = inFlight;
            inFlight = Task.CompletedTask;
            await pending;
            if (buffer.Count > 0)
            {
                var batch = buffer;
                buffer = [];
                await WriteAsync(batch, change: null, CancellationToken.None);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        Volatile.Write(ref disposed, true);
        await timer.DisposeAsync();
        await FlushAsync(CancellationToken.None);
        gate.Dispose();
    }

    // Timer: a slow run's messages reach the grid within maxDelay. Never waits: if a caller holds the gate or a write is
    // still in flight, the next tick (or the next full batch) takes them. A failed write is left in place for the
    // callers to observe rather than replaced.
    private void FlushIfDue()
    {
        if (Volatile.Read(ref disposed) || !gate.Wait(0))
        {
            return;
        }

        try
        {
            if (buffer.Count > 0 && inFlight.IsCompletedSuccessfully && time.GetUtcNow() - oldestBuffered >= maxDelay)
            {
                StartWrite();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // Under the gate, with no write in flight.
    private void StartWrite()
    {
        var batch = buffer;
        buffer = new List<EncodedMessage>(Math.Min(batchSize, 256));

        // On the thread pool: SQLite's ADO.NET "async" methods complete synchronously, so without it the caller would
        // write the whole batch itself before producing the next item.
        inFlight = Task.Run(() => WriteAsync(batch, change: null, CancellationToken.None), CancellationToken.None);
    }

    /// <summary>Builds a new message row (with its payload and first attempt) from an item result.</summary>
    public static IntegrationMessage NewMessage(string connectionId, int diagram, Guid? runId, string triggeredBy, ItemResult result, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(result);
        var id = IntegrationMessage.NewMessageId(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)));
        return new IntegrationMessage
        {
            MessageId = id,
            ShortId = IntegrationMessage.ShortIdOf(id),
            ConnectionId = connectionId,
            Diagram = diagram,
            Situation = result.Situation,
            Component = Truncate(result.Component, IntegrationMessage.ComponentMaxLength)!,
            BusinessKey = Truncate(result.BusinessKey, IntegrationMessage.BusinessKeyMaxLength),
            CorrelationId = Truncate(result.CorrelationId, IntegrationMessage.CorrelationIdMaxLength),
            RunId = runId,
            ReceivedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
            AttemptCount = 1,
            LastError = Truncate(result.Error, IntegrationMessage.LastErrorMaxLength),
            CauseKey = result.Situation == MessageSituation.Failed ? FailureCause.KeyOf(diagram, result.Component, result.Error) : null,
            ParentDiagram = result.Situation == MessageSituation.Failed ? result.ParentDiagram : null,
            ParentKey = result.Situation == MessageSituation.Failed ? Truncate(result.ParentKey, IntegrationMessage.BusinessKeyMaxLength) : null,
            Payload = new MessagePayload { Content = result.Payload ?? "", RemoteResponse = result.RemoteResponse },
            Attempts =
            [
                new MessageAttempt
                {
                    Number = 1,
                    StartedAtUtc = nowUtc,
                    EndedAtUtc = nowUtc,
                    Outcome = result.Situation,
                    Component = Truncate(result.Component, MessageAttempt.ComponentMaxLength)!,
                    Error = Truncate(result.Error, MessageAttempt.ErrorMaxLength),
                    Excerpt = Truncate(result.RemoteResponse, MessageAttempt.ExcerptMaxLength),
                    TriggeredBy = triggeredBy,
                },
            ],
        };
    }

    public static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");

    private bool IsSqlite()
    {
        using var db = dbFactory.CreateDbContext();
        postgres = db.Database.IsNpgsql();
        return db.Database.IsSqlite();
    }

    private EncodedMessage Encode(ItemResult result)
    {
        var message = NewMessage(connectionId, diagram, runId, triggeredBy, result, time.GetUtcNow().UtcDateTime);
        if (sqlite != true && !postgres)
        {
            return new EncodedMessage(message, null, null);
        }

        var encoded = SqliteMessageWriter.Encode(message);
        message.Payload = null; // the writer stores the compressed bytes; the text would only hold memory
        return encoded;
    }

    // Results already produced are written even when the run is being cancelled: they describe work that was done. A
    // state change (CommitAsync) runs first in the same transaction, with its caller's token; the messages it returns are
    // written with the batch.
    private async Task WriteAsync(
        List<EncodedMessage> batch, Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<ItemResult>>>? change, CancellationToken cancellationToken)
    {
        sqlite ??= IsSqlite();
        var produced = 0;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        if (sqlite == true)
        {
            // Prepared multi-statement batch in one transaction: several times EF's per-entity rate (bench/README.md).
            Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<EncodedMessage>>>? inTransaction = change is null ? null : async (d, _) =>
            {
                var results = await change(d, cancellationToken);
                produced = results.Count;
                return [.. results.Select(Encode)];
            };
            await SqliteMessageWriter.WriteAsync(db, batch, inTransaction, CancellationToken.None);
        }
        else if (postgres)
        {
            // Binary COPY: EF's per-entity inserts recorded about 540 messages/s on PostgreSQL (bench/README.md).
            Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<EncodedMessage>>>? inTransaction = change is null ? null : async (d, _) =>
            {
                var results = await change(d, cancellationToken);
                d.ChangeTracker.Clear(); // the change saved its own rows
                produced = results.Count;
                return [.. results.Select(Encode)];
            };
            await PostgreSqlMessageWriter.WriteAsync(db, batch, inTransaction, CancellationToken.None);
        }
        else
        {
            // SQL Server: EF's inserts, with the state change, the hourly counts (ADR-021) and the failures the batch's
            // processed items resolve (ADR-017) in one transaction.
            Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<IntegrationMessage>>>? inTransaction = change is null ? null : async (d, _) =>
            {
                var results = await change(d, cancellationToken);
                return [.. results.Select(r => Encode(r).Message)];
            };
            produced = await EfMessageWriter.WriteAsync(db, [.. batch.Select(e => e.Message)], inTransaction, CancellationToken.None);
        }

        Interlocked.Add(ref written, batch.Count + produced);
    }

    private sealed class Restore(MessageRecorder? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>
/// What a state change committed through <see cref="MessageRecorder.CommitAsync{T}"/> returns: its value, and the messages
/// to write in its transaction.
/// </summary>
public sealed record StateChange<T>(T Value, IReadOnlyList<ItemResult> Messages);

/// <summary>Builds <see cref="StateChange{T}"/> values.</summary>
public static class StateChange
{
    /// <summary>A change that writes no message of its own.</summary>
    public static StateChange<T> Without<T>(T value) => new(value, []);
}
