using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IpaasMonitor.Bench;

/// <summary>
/// The same store on PostgreSQL (issue #16): the app's PostgreSQL migration, then the rows written with binary COPY
/// (Npgsql) into tables emptied in the same transaction without their secondary indexes and foreign keys (with
/// <c>wal_level=minimal</c> PostgreSQL then skips the WAL), then the indexes and keys rebuilt. The rows come from
/// <see cref="BuildChunk"/> (the SQLite generator's, same seed) or, faster, from a generated SQLite store of the same
/// size (<c>--from-sqlite</c>: the same rows, already built and compressed).
/// </summary>
internal static partial class StoreGenerator
{
    public static async Task<StoreInfo?> EnsurePostgreSqlAsync(BenchOptions options, long count)
    {
        var connectionString = options.PostgreSql ?? throw new ArgumentException("--pg <connection string> is required with --provider postgresql");
        var infoPath = options.PostgreSqlInfoPath(count);
        var schemaPath = infoPath + ".schema";
        var loadedPath = infoPath + ".loaded";
        if (File.Exists(infoPath) && StoreInfo.Read(infoPath).Messages == count)
        {
            Console.WriteLine($"PostgreSQL store: {count:N0} messages already generated; reused.");
            return StoreInfo.Read(infoPath);
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        if (!File.Exists(loadedPath))
        {
            await MigratePostgreSqlAsync(connectionString);

            // What the load drops and the index phase puts back, kept on disk so an interrupted run can resume.
            var schema = new List<string>();
            await using (var connection = await dataSource.OpenConnectionAsync())
            {
                await using var keys = new NpgsqlCommand(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint " +
                    "WHERE contype = 'f' AND conrelid IN ('\"MessagePayloads\"'::regclass, '\"MessageAttempts\"'::regclass)", connection);
                var drops = new List<string>();
                await using (var reader = await keys.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        drops.Add($"ALTER TABLE {reader.GetString(0)} DROP CONSTRAINT \"{reader.GetString(1)}\"");
                        schema.Add($"ALTER TABLE {reader.GetString(0)} ADD CONSTRAINT \"{reader.GetString(1)}\" {reader.GetString(2)}");
                    }
                }

                await using var indexes = new NpgsqlCommand(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' " +
                    "AND tablename IN ('Messages', 'MessagePayloads', 'MessageAttempts') AND indexname NOT LIKE 'PK\\_%'", connection);
                await using (var reader = await indexes.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        drops.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                        schema.Insert(0, reader.GetString(1));
                    }
                }

                await File.WriteAllLinesAsync(schemaPath, schema);
                foreach (var drop in drops)
                {
                    await ExecAsync(connection, drop);
                }
            }

            var load = Stopwatch.StartNew();
            var (written, stored) = await LoadPostgreSqlAsync(dataSource, count, options);
            await File.WriteAllTextAsync(loadedPath, string.Create(CultureInfo.InvariantCulture, $"{written} {load.Elapsed.TotalSeconds:F0} {stored}"));
            Console.WriteLine($"Loaded {written:N0} messages in {load.Elapsed.TotalSeconds:N0} s ({written / load.Elapsed.TotalSeconds:N0}/s).");
        }

        if (options.LoadOnly)
        {
            Console.WriteLine("--load-only: indexes, keys and counters are built by the next run without it.");
            return null;
        }

        var loaded = (await File.ReadAllTextAsync(loadedPath)).Split(' ');
        var indexWatch = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await ExecAsync(connection, "SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 2;");
            foreach (var sql in await File.ReadAllLinesAsync(schemaPath))
            {
                var one = Stopwatch.StartNew();
                var create = sql.StartsWith("CREATE", StringComparison.Ordinal) ? sql.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal) : sql;
                try
                {
                    await ExecAsync(connection, create);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateObject)
                {
                    Console.WriteLine($"  (already there) {sql}");
                    continue;
                }

                Console.WriteLine($"  {one.Elapsed.TotalSeconds,5:N0} s  {sql}");
            }

            await ExecAsync(connection,
                "SELECT setval(pg_get_serial_sequence('\"Messages\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Messages\")); " +
                "SELECT setval(pg_get_serial_sequence('\"MessageAttempts\"', 'Id'), (SELECT MAX(\"Id\") FROM \"MessageAttempts\"));");
            var counters = Stopwatch.StartNew();
            await ExecAsync(connection, """
                DELETE FROM "MessageCounters";
                INSERT INTO "MessageCounters" ("HourUtc", "ConnectionId", "Diagram", "Situation", "Count")
                SELECT date_trunc('hour', "ReceivedAtUtc"), "ConnectionId", "Diagram", "Situation", COUNT(*)
                FROM "Messages" GROUP BY 1, 2, 3, 4;
                """);
            Console.WriteLine($"  {counters.Elapsed.TotalSeconds,5:N0} s  MessageCounters (as the recorder keeps them, ADR-021)");
            var vacuum = Stopwatch.StartNew();
            await ExecAsync(connection, "VACUUM (ANALYZE) \"Messages\", \"MessagePayloads\", \"MessageAttempts\", \"MessageCounters\"");
            Console.WriteLine($"  {vacuum.Elapsed.TotalSeconds,5:N0} s  VACUUM ANALYZE (visibility map for index-only scans, statistics)");
        }

        var info = new StoreInfo
        {
            Messages = long.Parse(loaded[0], CultureInfo.InvariantCulture),
            GeneratedAtUtc = DateTime.UtcNow,
            EndUtc = options.EndUtc,
            FileBytes = await DatabaseBytesAsync(dataSource),
            PayloadStoredBytes = long.Parse(loaded[2], CultureInfo.InvariantCulture),
            LoadSeconds = double.Parse(loaded[1], CultureInfo.InvariantCulture),
            IndexSeconds = indexWatch.Elapsed.TotalSeconds,
            TotalSeconds = double.Parse(loaded[1], CultureInfo.InvariantCulture) + indexWatch.Elapsed.TotalSeconds,
        };
        info.Write(infoPath);
        Console.WriteLine($"PostgreSQL store ready: {info.FileBytes / 1e9:N2} GB, {info.FileBytes / (info.Messages / 1e6) / 1e9:N2} GB per million messages.");
        await File.WriteAllTextAsync(infoPath + ".sizes", await SizesAsync(dataSource));
        Console.WriteLine(await File.ReadAllTextAsync(infoPath + ".sizes"));
        return info;
    }

    public static async Task<long> DatabaseBytesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_database_size(current_database())");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<string> SizesAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT c.relname, pg_size_pretty(pg_total_relation_size(c.oid)), pg_size_pretty(pg_relation_size(c.oid)) FROM pg_class c " +
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') " +
            "AND pg_total_relation_size(c.oid) > 10000000 ORDER BY pg_total_relation_size(c.oid) DESC");
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string> { "relation | total | main fork" };
        while (await reader.ReadAsync())
        {
            lines.Add($"{reader.GetString(0)} | {reader.GetString(1)} | {reader.GetString(2)}");
        }

        return string.Join('\n', lines);
    }

    private static async Task MigratePostgreSqlAsync(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<IpaasDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.PostgreSql, connectionString);
        await using var db = new IpaasDbContext(builder.Options);
        await db.Database.MigrateAsync();
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(long Written, long Stored)> LoadPostgreSqlAsync(NpgsqlDataSource dataSource, long count, BenchOptions options)
    {
        await using var writer = await PgCopyWriter.OpenAsync(dataSource);
        var watch = Stopwatch.StartNew();
        long written = 0;
        long stored = 0;
        void Progress()
        {
            if (++written % 250_000 == 0)
            {
                Console.WriteLine($"  {written:N0} messages, {written / watch.Elapsed.TotalSeconds:N0}/s ({Load.Describe()})");
            }
        }

        if (options.FromSqlite is { } source)
        {
            await using var connection = new SqliteConnection($"Data Source={source};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText =
                    "SELECT m.Id, m.MessageId, m.ShortId, m.ConnectionId, m.Diagram, m.Situation, m.Component, m.BusinessKey, m.CorrelationId, " +
                    "m.RunId, m.ReceivedAtUtc, m.UpdatedAtUtc, m.AttemptCount, m.LastError, p.Content, p.RemoteResponse " +
                    "FROM Messages m JOIN MessagePayloads p ON p.MessageId = m.Id ORDER BY m.Id";
                command.CommandTimeout = 0;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var row = new Row
                    {
                        Id = reader.GetInt64(0),
                        MessageId = reader.GetString(1),
                        ShortId = reader.GetString(2),
                        ConnectionId = reader.GetString(3),
                        Diagram = reader.GetInt32(4),
                        Situation = reader.GetInt32(5),
                        Component = reader.GetString(6),
                        BusinessKey = reader.IsDBNull(7) ? null : reader.GetString(7),
                        CorrelationId = reader.IsDBNull(8) ? null : reader.GetString(8),
                        RunId = reader.IsDBNull(9) ? Guid.Empty.ToString() : reader.GetString(9),
                        ReceivedTicks = reader.GetInt64(10),
                        UpdatedTicks = reader.GetInt64(11),
                        AttemptCount = reader.GetInt32(12),
                        LastError = reader.IsDBNull(13) ? null : reader.GetString(13),
                        Content = (byte[])reader.GetValue(14),
                        RemoteResponse = reader.IsDBNull(15) ? null : (byte[])reader.GetValue(15),
                    };
                    await writer.WriteMessageAsync(row);
                    stored += row.Content.Length + (row.RemoteResponse?.Length ?? 0);
                    Progress();
                }
            }

            // The attempts as the SQLite generator wrote them.
            await using var attempts = connection.CreateCommand();
            attempts.CommandText = "SELECT Id, MessageId, Number, StartedAtUtc, EndedAtUtc, Outcome, Component, Error, Excerpt, TriggeredBy FROM MessageAttempts ORDER BY Id";
            attempts.CommandTimeout = 0;
            await using var attemptReader = await attempts.ExecuteReaderAsync();
            while (await attemptReader.ReadAsync())
            {
                await writer.WriteAttemptAsync(
                    attemptReader.GetInt64(0), attemptReader.GetInt64(1), attemptReader.GetInt32(2), attemptReader.GetInt64(3), attemptReader.GetInt64(4),
                    attemptReader.GetInt32(5), attemptReader.GetString(6), attemptReader.IsDBNull(7) ? null : attemptReader.GetString(7),
                    attemptReader.IsDBNull(8) ? null : attemptReader.GetString(8), attemptReader.GetString(9));
            }
        }
        else
        {
            var start = options.EndUtc.AddDays(-Days);
            var chunks = (int)((count + ChunkSize - 1) / ChunkSize);
            var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(Environment.ProcessorCount * 2) { SingleReader = true });
            var producer = Task.Run(async () =>
            {
                await Parallel.ForAsync(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (c, ct) =>
                    await channel.Writer.WriteAsync(BuildChunk(c, count, start, options.EndUtc), ct));
                channel.Writer.Complete();
            });
            var pending = new SortedDictionary<int, Chunk>();
            var next = 0;
            long attemptId = 0;
            await foreach (var chunk in channel.Reader.ReadAllAsync())
            {
                pending[chunk.Index] = chunk;
                while (pending.Remove(next, out var ready))
                {
                    foreach (var row in ready.Rows)
                    {
                        await writer.WriteMessageAsync(row);
                        for (var n = 1; n <= row.AttemptCount; n++)
                        {
                            // As ChunkWriter writes them for SQLite.
                            var ended = row.ReceivedTicks + ((n - 1) * TimeSpan.TicksPerMinute * 7);
                            await writer.WriteAttemptAsync(
                                ++attemptId, row.Id, n, ended - (TimeSpan.TicksPerMillisecond * 180), ended,
                                n == row.AttemptCount ? row.Situation : (int)MessageSituation.Failed, row.Component, row.LastError, row.Excerpt,
                                n == 1 ? "scheduler" : "suporte@loja");
                        }

                        Progress();
                    }

                    stored += ready.StoredBytes;
                    next++;
                }
            }

            await producer;
        }

        await writer.CompleteAsync();
        return (written, stored);
    }

    /// <summary>Three binary COPY streams (messages, payloads, attempts), each in its own transaction that emptied the table first.</summary>
    private sealed class PgCopyWriter : IAsyncDisposable
    {
        private readonly List<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> sessions;
        private readonly NpgsqlBinaryImporter messages;
        private readonly NpgsqlBinaryImporter payloads;
        private readonly NpgsqlBinaryImporter attempts;

        private PgCopyWriter(List<(NpgsqlConnection, NpgsqlTransaction)> sessions, NpgsqlBinaryImporter messages, NpgsqlBinaryImporter payloads, NpgsqlBinaryImporter attempts)
        {
            this.sessions = sessions;
            this.messages = messages;
            this.payloads = payloads;
            this.attempts = attempts;
        }

        public static async Task<PgCopyWriter> OpenAsync(NpgsqlDataSource dataSource)
        {
            var sessions = new List<(NpgsqlConnection, NpgsqlTransaction)>();
            async Task<NpgsqlBinaryImporter> Open(string table, string columns)
            {
                var connection = await dataSource.OpenConnectionAsync();
                var transaction = await connection.BeginTransactionAsync();
                sessions.Add((connection, transaction));
                await using (var truncate = new NpgsqlCommand($"TRUNCATE \"{table}\"", connection, transaction))
                {
                    await truncate.ExecuteNonQueryAsync();
                }

                return await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columns}) FROM STDIN (FORMAT BINARY)");
            }

            // The foreign keys were dropped, so each table is emptied and filled by its own session.
            var attempts = await Open("MessageAttempts", "\"Id\", \"MessageId\", \"Number\", \"StartedAtUtc\", \"EndedAtUtc\", \"Outcome\", \"Component\", \"Error\", \"Excerpt\", \"TriggeredBy\"");
            var payloads = await Open("MessagePayloads", "\"MessageId\", \"Content\", \"RemoteResponse\"");
            var messages = await Open("Messages",
                "\"Id\", \"MessageId\", \"ShortId\", \"ConnectionId\", \"Diagram\", \"Situation\", \"Component\", \"BusinessKey\", \"KeyTier\", " +
                "\"CorrelationId\", \"RunId\", \"ReceivedAtUtc\", \"UpdatedAtUtc\", \"AttemptCount\", \"LastError\"");
            return new PgCopyWriter(sessions, messages, payloads, attempts);
        }

        public async Task WriteMessageAsync(Row row)
        {
            await messages.StartRowAsync();
            await messages.WriteAsync(row.Id, NpgsqlDbType.Bigint);
            await messages.WriteAsync(Guid.Parse(row.MessageId), NpgsqlDbType.Uuid);
            await messages.WriteAsync(row.ShortId, NpgsqlDbType.Varchar);
            await messages.WriteAsync(row.ConnectionId, NpgsqlDbType.Varchar);
            await messages.WriteAsync(row.Diagram, NpgsqlDbType.Integer);
            await messages.WriteAsync(row.Situation, NpgsqlDbType.Integer);
            await messages.WriteAsync(row.Component, NpgsqlDbType.Varchar);
            await WriteNullableAsync(messages, row.BusinessKey);
            await messages.WriteAsync(KeyTiers.Settled, NpgsqlDbType.Integer);
            await WriteNullableAsync(messages, row.CorrelationId);
            await messages.WriteAsync(Guid.Parse(row.RunId), NpgsqlDbType.Uuid);
            await messages.WriteAsync(new DateTime(row.ReceivedTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            await messages.WriteAsync(new DateTime(row.UpdatedTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            await messages.WriteAsync(row.AttemptCount, NpgsqlDbType.Integer);
            await WriteNullableAsync(messages, row.LastError);

            await payloads.StartRowAsync();
            await payloads.WriteAsync(row.Id, NpgsqlDbType.Bigint);
            await payloads.WriteAsync(row.Content, NpgsqlDbType.Bytea);
            if (row.RemoteResponse is null)
            {
                await payloads.WriteNullAsync();
            }
            else
            {
                await payloads.WriteAsync(row.RemoteResponse, NpgsqlDbType.Bytea);
            }
        }

        public async Task WriteAttemptAsync(long id, long messageId, int number, long startedTicks, long endedTicks, int outcome, string component, string? error, string? excerpt, string triggeredBy)
        {
            await attempts.StartRowAsync();
            await attempts.WriteAsync(id, NpgsqlDbType.Bigint);
            await attempts.WriteAsync(messageId, NpgsqlDbType.Bigint);
            await attempts.WriteAsync(number, NpgsqlDbType.Integer);
            await attempts.WriteAsync(new DateTime(startedTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            await attempts.WriteAsync(new DateTime(endedTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            await attempts.WriteAsync(outcome, NpgsqlDbType.Integer);
            await attempts.WriteAsync(component, NpgsqlDbType.Varchar);
            await WriteNullableAsync(attempts, error);
            if (excerpt is null)
            {
                await attempts.WriteNullAsync();
            }
            else
            {
                await attempts.WriteAsync(excerpt, NpgsqlDbType.Text);
            }

            await attempts.WriteAsync(triggeredBy, NpgsqlDbType.Varchar);
        }

        public async Task CompleteAsync()
        {
            await messages.CompleteAsync();
            await payloads.CompleteAsync();
            await attempts.CompleteAsync();
            await messages.DisposeAsync();
            await payloads.DisposeAsync();
            await attempts.DisposeAsync();
            foreach (var (_, transaction) in sessions)
            {
                await transaction.CommitAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await messages.DisposeAsync();
            await payloads.DisposeAsync();
            await attempts.DisposeAsync();
            foreach (var (connection, transaction) in sessions)
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }

        private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value)
        {
            if (value is null)
            {
                await importer.WriteNullAsync();
            }
            else
            {
                await importer.WriteAsync(value, NpgsqlDbType.Varchar);
            }
        }
    }
}
