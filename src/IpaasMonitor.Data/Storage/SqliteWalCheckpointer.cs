using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Copies the write-ahead log back into a SQLite database file on a background thread, for writers that commit big
/// batches (<see cref="SqliteMessageWriter"/>). By default the connection whose commit takes the WAL past 1,000 pages
/// checkpoints it itself, inside its commit: for the message recorder that was 40% of its time (bench/README.md). The
/// recorder's commits skip that step and ask this class instead, so the copy runs on the other core while the next
/// batch is built. It is a PASSIVE checkpoint (never waits for readers or writers); whatever it cannot copy yet is
/// copied by the next request, or by the default checkpoint of any other writer, so the WAL stays bounded even if this
/// one fails. Failures are counted and kept in <see cref="LastFailure"/> for the health check (/health), not thrown: the
/// data is safe in the WAL.
/// <para>
/// The WAL only starts again from its beginning when a write transaction begins after a checkpoint copied all of it;
/// a writer that begins while the checkpoint of its previous batch still runs keeps appending. So when the WAL has
/// grown past <see cref="LongWalFrames"/> the writer waits for the running checkpoint before it begins
/// (<see cref="WaitIfLongAsync"/>): the file stays at a few batches instead of growing for as long as a busy run lasts.
/// </para>
/// </summary>
public sealed class SqliteWalCheckpointer
{
    /// <summary>WAL length (pages) past which writers let the running checkpoint finish first: 64 MiB of 4 KiB pages.</summary>
    public const int LongWalFrames = 16_384;

    private static readonly ConcurrentDictionary<string, SqliteWalCheckpointer> ByDatabase = new(StringComparer.Ordinal);

    private readonly string connectionString;
    private int running;
    private int requested;
    private long checkpoints;
    private long failures;
    private long walFrames;

    private SqliteWalCheckpointer(string connectionString) => this.connectionString = connectionString;

    /// <summary>Checkpoints done since the process started.</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    /// <summary>Checkpoints that failed (the WAL then waits for the next one).</summary>
    public long Failures => Interlocked.Read(ref failures);

    public string? LastFailure { get; private set; }

    /// <summary>True when the most recent checkpoint failed (the health check reports it).</summary>
    public bool Failing { get; private set; }

    /// <summary>Pages in the WAL at the last checkpoint (SQLite's "log" column).</summary>
    public long WalFrames => Interlocked.Read(ref walFrames);

    /// <summary>
    /// The checkpointer of the database file a connection string points at (one per file in the process); null for an
    /// in-memory database, which has no WAL.
    /// </summary>
    public static SqliteWalCheckpointer? For(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return null;
        }

        var key = Path.GetFullPath(builder.DataSource);
        return ByDatabase.GetOrAdd(key, _ => new SqliteWalCheckpointer(new SqliteConnectionStringBuilder { DataSource = builder.DataSource }.ToString()));
    }

    /// <summary>
    /// Runs a large write with its WAL checkpoint left to the background checkpointer instead of the committing
    /// thread, waiting first when the WAL is already long. The connection's
    /// <c>wal_autocheckpoint</c> is restored after (it is pooled). Without a checkpointer for the store, just runs it.
    /// </summary>
    public static async Task WithBackgroundCheckpointAsync(DbConnection connection, Func<Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(write);
        var checkpointer = For(connection.ConnectionString);
        if (checkpointer is null)
        {
            await write();
            return;
        }

        await checkpointer.WaitIfLongAsync(cancellationToken);
        await PragmaAsync(connection, "PRAGMA wal_autocheckpoint=0;", cancellationToken);
        try
        {
            await write();
        }
        finally
        {
            await PragmaAsync(connection, "PRAGMA wal_autocheckpoint=1000;", CancellationToken.None);
        }

        checkpointer.Request();
    }

    private static async Task PragmaAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Asks for a checkpoint; returns at once. Requests made while one runs are merged into one more run.</summary>
    public void Request()
    {
        Volatile.Write(ref requested, 1);
        if (Interlocked.CompareExchange(ref running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>When the WAL has grown long, waits for the running checkpoint so the next write starts it again.</summary>
    public Task WaitIfLongAsync(CancellationToken cancellationToken) =>
        WalFrames >= LongWalFrames ? WaitIdleAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Waits until no checkpoint is running or asked for.</summary>
    public async Task WaitIdleAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref running) == 1 || Volatile.Read(ref requested) == 1)
        {
            await Task.Delay(1, cancellationToken);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref requested, 0) == 1)
            {
                await CheckpointAsync();
            }

            Volatile.Write(ref running, 0);

            // A request that came after the last check but before running was cleared would otherwise wait for the next one.
            if (Volatile.Read(ref requested) == 0 || Interlocked.CompareExchange(ref running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);"; // one row: busy, log (pages in the WAL), checkpointed
            await using (var reader = await command.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                {
                    Interlocked.Exchange(ref walFrames, reader.GetInt64(1));
                }
            }

            Interlocked.Increment(ref checkpoints);
            Failing = false;
        }
        catch (SqliteException ex)
        {
            // Not lost: the frames stay in the WAL and the next checkpoint (this one's or a writer's) copies them.
            Interlocked.Increment(ref failures);
            LastFailure = ex.Message;
            Failing = true;
        }
    }
}
