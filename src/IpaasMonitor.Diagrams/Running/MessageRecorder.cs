using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Writes a run's messages in batches (one short transaction per batch) so busy runs neither hold
/// SQLite's write lock for long nor pay a round trip per message. On SQLite the callers compress the payloads on
/// their own threads and a full batch is written in the background while the next one fills (at most one batch in
/// flight, so memory stays bounded); a failed write surfaces on the next call, on <see cref="FlushAsync"/> or on
/// dispose, never silently.
/// </summary>
public sealed class MessageRecorder(
    IDbContextFactory<IpaasDbContext> dbFactory,
    TimeProvider time,
    string connectionId,
    int diagram,
    Guid runId,
    string triggeredBy,
    int batchSize = 500) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private List<EncodedMessage> buffer = [];
    private Task inFlight = Task.CompletedTask;
    private bool? sqlite;
    private int written;

    public int Written => Volatile.Read(ref written);

    public async Task RecordAsync(ItemResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = NewMessage(connectionId, diagram, runId, triggeredBy, result, time.GetUtcNow().UtcDateTime);
        sqlite ??= IsSqlite();
        var encoded = sqlite.Value ? SqliteMessageWriter.Encode(message) : new EncodedMessage(message, null, null);
        await gate.WaitAsync(cancellationToken);
        try
        {
            buffer.Add(encoded);
            if (buffer.Count >= batchSize)
            {
                var batch = buffer;
                buffer = new List<EncodedMessage>(batchSize);
                await inFlight; // back-pressure: one batch written while the next fills

                // On the thread pool: SQLite's ADO.NET "async" methods complete synchronously, so without it the
                // caller would write the whole batch itself before producing the next item.
                inFlight = Task.Run(() => WriteAsync(batch), CancellationToken.None);
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
                await WriteAsync(batch);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        gate.Dispose();
    }

    /// <summary>Builds a new message row (with its payload and first attempt) from an item result.</summary>
    public static IntegrationMessage NewMessage(string connectionId, int diagram, Guid? runId, string triggeredBy, ItemResult result, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(result);
        var id = Guid.NewGuid();
        return new IntegrationMessage
        {
            MessageId = id,
            ShortId = IntegrationMessage.ShortIdOf(id),
            ConnectionId = connectionId,
            Diagram = diagram,
            Situation = result.Situation,
            Component = Truncate(result.Component, 64)!,
            BusinessKey = Truncate(result.BusinessKey, 128),
            CorrelationId = Truncate(result.CorrelationId, 128),
            RunId = runId,
            ReceivedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
            AttemptCount = 1,
            LastError = Truncate(result.Error, 2000),
            Payload = new MessagePayload { Content = result.Payload ?? "", RemoteResponse = result.RemoteResponse },
            Attempts =
            [
                new MessageAttempt
                {
                    Number = 1,
                    StartedAtUtc = nowUtc,
                    EndedAtUtc = nowUtc,
                    Outcome = result.Situation,
                    Component = Truncate(result.Component, 64)!,
                    Error = Truncate(result.Error, 2000),
                    Excerpt = Truncate(result.RemoteResponse, 4000),
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
        return db.Database.IsSqlite();
    }

    // Results already produced are written even when the run is being cancelled: they describe work that was done.
    private async Task WriteAsync(List<EncodedMessage> batch)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        if (sqlite == true)
        {
            // Prepared multi-statement batch in one transaction: several times EF's per-entity rate (bench/README.md).
            await SqliteMessageWriter.WriteAsync(db, batch, CancellationToken.None);
        }
        else
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Messages.AddRange(batch.Select(e => e.Message));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        Interlocked.Add(ref written, batch.Count);
    }
}
