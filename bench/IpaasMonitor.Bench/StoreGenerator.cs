using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IpaasMonitor.Bench;

/// <summary>
/// Builds a message store of N messages over 30 days with the real schema (the app's migrations), written with
/// prepared inserts in index-less tables and the indexes rebuilt at the end (the fast way to load a store; the
/// resulting file is the same one the app would have). Deterministic: the same N gives the same store.
/// </summary>
internal static partial class StoreGenerator
{
    public const int Days = 30;
    private const int ChunkSize = 10_000;
    private const double CountShare = 0.01;

    public static async Task<StoreInfo> EnsureAsync(string path, long count, DateTime endUtc)
    {
        var infoPath = path + ".json";
        if (File.Exists(path) && File.Exists(infoPath))
        {
            var existing = StoreInfo.Read(infoPath);
            if (existing.Messages == count)
            {
                Console.WriteLine($"Store {path}: {count:N0} messages already generated on {existing.GeneratedAtUtc:u}; reused.");
                return existing;
            }
        }

        if (File.Exists(path) && File.Exists(path + ".loaded"))
        {
            return await ResumeAsync(path, count, endUtc);
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", infoPath, path + ".loaded" })
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var total = Stopwatch.StartNew();
        await MigrateAsync(path);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await ExecAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=FILE;");
        var indexes = await ReadIndexesAsync(connection);

        foreach (var (name, _) in indexes)
        {
            await ExecAsync(connection, $"DROP INDEX \"{name}\"");
        }

        var start = endUtc.AddDays(-Days);
        var load = Stopwatch.StartNew();
        var chunks = (int)((count + ChunkSize - 1) / ChunkSize);
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(Environment.ProcessorCount * 2) { SingleReader = true });
        var producer = Task.Run(async () =>
        {
            await Parallel.ForAsync(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (c, ct) =>
            {
                var chunk = BuildChunk(c, count, start, endUtc);
                await channel.Writer.WriteAsync(chunk, ct);
            });
            channel.Writer.Complete();
        });

        long written = 0;
        long payloadBytes = 0;
        long rawBytes = 0;
        var pending = new SortedDictionary<int, Chunk>();
        var next = 0;
        await using (var writer = new ChunkWriter(connection))
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync())
            {
                // Chunks are written in order so the physical key follows time, as it does in the app.
                pending[chunk.Index] = chunk;
                while (pending.Remove(next, out var ready))
                {
                    await writer.WriteAsync(ready);
                    written += ready.Rows.Length;
                    payloadBytes += ready.StoredBytes;
                    rawBytes += ready.RawBytes;
                    next++;
                    if (next % 50 == 0)
                    {
                        Console.WriteLine($"  {written:N0} messages, {written / load.Elapsed.TotalSeconds:N0}/s");
                    }
                }
            }
        }

        await producer;
        var loadSeconds = load.Elapsed.TotalSeconds;
        await File.WriteAllTextAsync(path + ".loaded", string.Create(CultureInfo.InvariantCulture, $"{written} {loadSeconds:F0} {payloadBytes} {rawBytes}"));
        Console.WriteLine($"Loaded {written:N0} messages in {loadSeconds:N0} s; rebuilding {indexes.Count} indexes...");
        var indexWatch = Stopwatch.StartNew();
        foreach (var (name, sql) in indexes)
        {
            var one = Stopwatch.StartNew();
            await ExecAsync(connection, sql);
            Console.WriteLine($"  {name}: {one.Elapsed.TotalSeconds:N0} s");
        }

        // The overview's hourly counters, as the recording path would have kept them (ADR-021).
        var counters = Stopwatch.StartNew();
        await ExecAsync(connection, MessageCounts.BackfillSql(sqlite: true));
        Console.WriteLine($"  MessageCounters: {counters.Elapsed.TotalSeconds:N0} s");
        await ExecAsync(connection, "PRAGMA journal_mode=WAL;");
        var info = new StoreInfo
        {
            Messages = written,
            GeneratedAtUtc = DateTime.UtcNow,
            EndUtc = endUtc,
            FileBytes = new FileInfo(path).Length,
            PayloadStoredBytes = payloadBytes,
            PayloadRawBytes = rawBytes,
            LoadSeconds = loadSeconds,
            IndexSeconds = indexWatch.Elapsed.TotalSeconds,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
        info.Write(infoPath);
        Console.WriteLine($"Store ready: {info.FileBytes / 1e9:N2} GB, {info.FileBytes / (written / 1e6) / 1e9:N2} GB per million messages.");
        return info;
    }

    /// <summary>
    /// Finishes a store whose rows were loaded but whose index phase (or a later migration) did not complete: applies
    /// the pending migrations, then creates every index of the current schema that the store lacks. A 10M index phase
    /// takes most of an hour on 2 cores, so an interruption must not cost the load.
    /// </summary>
    private static async Task<StoreInfo> ResumeAsync(string path, long count, DateTime endUtc)
    {
        var loaded = (await File.ReadAllTextAsync(path + ".loaded")).Split(' ');
        var written = long.Parse(loaded[0], CultureInfo.InvariantCulture);
        if (written != count)
        {
            throw new InvalidOperationException($"{path} holds {written:N0} messages, not {count:N0}; delete it to regenerate.");
        }

        Console.WriteLine($"Store {path}: {written:N0} messages loaded earlier; finishing migrations and indexes...");
        var total = Stopwatch.StartNew();
        var template = Path.Combine(Path.GetTempPath(), $"ipaas-schema-{Guid.NewGuid():N}.db");
        List<(string Name, string Sql)> indexes;
        try
        {
            await MigrateAsync(template);
            await using var schema = new SqliteConnection($"Data Source={template};Pooling=False");
            await schema.OpenAsync();
            indexes = await ReadIndexesAsync(schema);
        }
        finally
        {
            File.Delete(template);
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await ExecAsync(connection, "PRAGMA cache_size=-262144;");
            foreach (var (name, sql) in indexes)
            {
                // Indexes that a pending migration replaces are created by that migration below.
                await using var exists = connection.CreateCommand();
                exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = $name";
                exists.Parameters.AddWithValue("$name", name);
                var present = Convert.ToInt64(await exists.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
                if (!present && !await MigrationCreatesAsync(path, name))
                {
                    var one = Stopwatch.StartNew();
                    await ExecAsync(connection, sql);
                    Console.WriteLine($"  {name}: {one.Elapsed.TotalSeconds:N0} s");
                }
            }
        }

        var migrate = Stopwatch.StartNew();
        await MigrateAsync(path);
        Console.WriteLine($"  pending migrations: {migrate.Elapsed.TotalSeconds:N0} s");

        var storedBytes = long.Parse(loaded[2], CultureInfo.InvariantCulture);
        if (storedBytes == 0)
        {
            // Loads interrupted before the marker carried the byte counts: measure what is stored (raw size unknown).
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var sum = connection.CreateCommand();
            sum.CommandText = "SELECT COALESCE(SUM(length(Content)), 0) FROM MessagePayloads";
            sum.CommandTimeout = 0;
            storedBytes = Convert.ToInt64(await sum.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        var info = new StoreInfo
        {
            Messages = written,
            GeneratedAtUtc = DateTime.UtcNow,
            EndUtc = endUtc,
            FileBytes = new FileInfo(path).Length,
            PayloadStoredBytes = storedBytes,
            PayloadRawBytes = long.Parse(loaded[3], CultureInfo.InvariantCulture),
            LoadSeconds = double.Parse(loaded[1], CultureInfo.InvariantCulture),
            IndexSeconds = total.Elapsed.TotalSeconds,
            TotalSeconds = double.Parse(loaded[1], CultureInfo.InvariantCulture) + total.Elapsed.TotalSeconds,
        };
        info.Write(path + ".json");
        Console.WriteLine($"Store ready: {info.FileBytes / 1e9:N2} GB, {info.FileBytes / (written / 1e6) / 1e9:N2} GB per million messages.");
        return info;
    }

    /// <summary>The message tables' indexes (the ones the load drops and rebuilds), with the SQL that creates them.</summary>
    private static async Task<List<(string Name, string Sql)>> ReadIndexesAsync(SqliteConnection connection)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using var list = connection.CreateCommand();
        list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Messages', 'MessageAttempts')";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static async Task<bool> MigrationCreatesAsync(string path, string indexName)
    {
        var builder = new DbContextOptionsBuilder<IpaasDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
        await using var db = new IpaasDbContext(builder.Options);
        var pending = await db.Database.GetPendingMigrationsAsync();
        var migrations = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>();
        foreach (var id in pending)
        {
            var migration = migrations.CreateMigration(migrations.Migrations[id], db.Database.ProviderName!);
            if (migration.UpOperations.OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.CreateIndexOperation>().Any(o => o.Name == indexName))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task MigrateAsync(string path)
    {
        var builder = new DbContextOptionsBuilder<IpaasDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
        await using var db = new IpaasDbContext(builder.Options);
        await db.Database.MigrateAsync();
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static Chunk BuildChunk(int index, long count, DateTime start, DateTime end)
    {
        var random = new Random(index * 7919 + 17);
        var first = (long)index * ChunkSize;
        var n = (int)Math.Min(ChunkSize, count - first);
        var rows = new Row[n];
        var span = (end - start).Ticks;
        long stored = 0;
        long raw = 0;
        var guidBytes = new byte[16];
        for (var k = 0; k < n; k++)
        {
            var i = first + k;
            var received = start.Ticks + (long)(span * ((i + 0.5) / count));
            random.NextBytes(guidBytes);
            guidBytes[3] = (byte)((received - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerHour); // as IntegrationMessage.NewMessageId
            guidBytes[7] = (byte)((guidBytes[7] & 0x0F) | 0x80);
            guidBytes[8] = (byte)((guidBytes[8] & 0x3F) | 0x80);
            var messageId = new Guid(guidBytes);
            var connection = random.NextDouble() < StoreShape.FirstConnectionShare ? StoreShape.Connections[0] : StoreShape.Connections[1];
            var diagram = StoreShape.PickDiagram(random);
            var situation = StoreShape.PickSituation(random);
            var isCount = random.NextDouble() < CountShare;

            // Orders arrive at a steady pace; each order's messages fall within a few minutes of each other.
            var orderNumber = Math.Max(1, (i / 8) - random.Next(0, 40));
            string? businessKey;
            string? correlationId = null;
            string component;
            string content;
            if (isCount)
            {
                situation = MessageSituation.Processed;
                businessKey = null;
                component = "Count";
                content = $"{{\"read\":{random.Next(1, 5000)},\"sent\":{random.Next(0, 5000)},\"failed\":{random.Next(0, 50)},\"skipped\":{random.Next(0, 500)}}}";
            }
            else
            {
                businessKey = StoreShape.KeyOf(diagram, random, orderNumber);
                correlationId = StoreShape.IsOrderFlow(diagram) ? StoreShape.OrderId(orderNumber) : null;
                component = StoreShape.ComponentOf(diagram, situation, random);
                content = PayloadFactory.Create(random, diagram, businessKey, correlationId, StoreShape.PickPayloadSize(random));
            }

            var failedBefore = situation is MessageSituation.Failed or MessageSituation.Requeued or MessageSituation.Discarded;
            var error = failedBefore ? StoreShape.Errors[random.Next(StoreShape.Errors.Length)] : null;
            var remote = failedBefore ? PayloadFactory.RemoteError(random, error!) : null;
            var attempts = failedBefore ? random.Next(1, 4) : 1;
            var encoded = PayloadCodec.Encode(content);
            var encodedRemote = remote is null ? null : PayloadCodec.Encode(remote);
            stored += encoded.Length + (encodedRemote?.Length ?? 0);
            raw += Encoding.UTF8.GetByteCount(content) + (remote?.Length ?? 0);
            rows[k] = new Row
            {
                Id = i + 1,
                MessageId = messageId.ToString().ToUpperInvariant(),
                ShortId = IntegrationMessage.ShortIdOf(messageId),
                ConnectionId = connection,
                Diagram = diagram,
                Situation = (int)situation,
                Component = component,
                BusinessKey = businessKey,
                CorrelationId = correlationId,
                RunId = RunIdOf(connection, diagram, received),
                ReceivedTicks = received,
                UpdatedTicks = received + (attempts - 1) * TimeSpan.TicksPerMinute * 7,
                AttemptCount = attempts,
                LastError = error,
                Content = encoded,
                RemoteResponse = encodedRemote,
                Excerpt = remote,
            };
        }

        return new Chunk(index, rows, stored, raw);
    }

    // One run per (connection, diagram, 5-minute slot), as the schedules produce.
    private static string RunIdOf(string connection, int diagram, long ticks)
    {
        var slot = ticks / (TimeSpan.TicksPerMinute * 5);
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{connection}|{diagram}|{slot}")));
        return new Guid(hash.AsSpan(0, 16)).ToString().ToUpperInvariant();
    }

    internal sealed class Row
    {
        public long Id { get; init; }

        public required string MessageId { get; init; }

        public required string ShortId { get; init; }

        public required string ConnectionId { get; init; }

        public int Diagram { get; init; }

        public int Situation { get; init; }

        public required string Component { get; init; }

        public string? BusinessKey { get; init; }

        public string? CorrelationId { get; init; }

        public required string RunId { get; init; }

        public long ReceivedTicks { get; init; }

        public long UpdatedTicks { get; init; }

        public int AttemptCount { get; init; }

        public string? LastError { get; init; }

        public required byte[] Content { get; init; }

        public byte[]? RemoteResponse { get; init; }

        public string? Excerpt { get; init; }
    }

    internal sealed record Chunk(int Index, Row[] Rows, long StoredBytes, long RawBytes);

    /// <summary>Three prepared inserts, one transaction per chunk.</summary>
    private sealed class ChunkWriter : IAsyncDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand message;
        private readonly SqliteCommand payload;
        private readonly SqliteCommand attempt;

        public ChunkWriter(SqliteConnection connection)
        {
            this.connection = connection;
            // The generated history is in the settled business-key index, as a merged store's would be (ADR-013).
            message = Prepare(
                "INSERT INTO Messages (Id, MessageId, ShortId, ConnectionId, Diagram, Situation, Component, BusinessKey, KeyTier, CorrelationId, RunId, ReceivedAtUtc, UpdatedAtUtc, AttemptCount, LastError) " +
                $"VALUES ($id, $mid, $sid, $conn, $diag, $sit, $comp, $bk, {KeyTiers.Settled}, $corr, $run, $recv, $upd, $att, $err)");
            payload = Prepare("INSERT INTO MessagePayloads (MessageId, Content, RemoteResponse) VALUES ($id, $content, $remote)");
            attempt = Prepare(
                "INSERT INTO MessageAttempts (MessageId, Number, StartedAtUtc, EndedAtUtc, Outcome, Component, Error, Excerpt, TriggeredBy) " +
                "VALUES ($id, $n, $start, $end, $outcome, $comp, $err, $excerpt, $by)");
        }

        public async Task WriteAsync(Chunk chunk)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            message.Transaction = payload.Transaction = attempt.Transaction = transaction;
            foreach (var row in chunk.Rows)
            {
                var p = message.Parameters;
                p[0].Value = row.Id;
                p[1].Value = row.MessageId;
                p[2].Value = row.ShortId;
                p[3].Value = row.ConnectionId;
                p[4].Value = row.Diagram;
                p[5].Value = row.Situation;
                p[6].Value = row.Component;
                p[7].Value = (object?)row.BusinessKey ?? DBNull.Value;
                p[8].Value = (object?)row.CorrelationId ?? DBNull.Value;
                p[9].Value = row.RunId;
                p[10].Value = row.ReceivedTicks;
                p[11].Value = row.UpdatedTicks;
                p[12].Value = row.AttemptCount;
                p[13].Value = (object?)row.LastError ?? DBNull.Value;
                message.ExecuteNonQuery();

                payload.Parameters[0].Value = row.Id;
                payload.Parameters[1].Value = row.Content;
                payload.Parameters[2].Value = (object?)row.RemoteResponse ?? DBNull.Value;
                payload.ExecuteNonQuery();

                for (var n = 1; n <= row.AttemptCount; n++)
                {
                    var a = attempt.Parameters;
                    var last = n == row.AttemptCount;
                    var ended = row.ReceivedTicks + ((n - 1) * TimeSpan.TicksPerMinute * 7);
                    a[0].Value = row.Id;
                    a[1].Value = n;
                    a[2].Value = ended - TimeSpan.TicksPerMillisecond * 180;
                    a[3].Value = ended;
                    a[4].Value = last ? row.Situation : (int)MessageSituation.Failed;
                    a[5].Value = row.Component;
                    a[6].Value = (object?)row.LastError ?? DBNull.Value;
                    a[7].Value = (object?)row.Excerpt ?? DBNull.Value;
                    a[8].Value = n == 1 ? "scheduler" : "suporte@loja";
                    attempt.ExecuteNonQuery();
                }
            }

            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await message.DisposeAsync();
            await payload.DisposeAsync();
            await attempt.DisposeAsync();
        }

        private SqliteCommand Prepare(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in sql[sql.IndexOf("VALUES", StringComparison.Ordinal)..].Split(['(', ')', ',', ' '], StringSplitOptions.RemoveEmptyEntries).Where(t => t.StartsWith('$')))
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            return command;
        }
    }
}
