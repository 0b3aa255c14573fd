using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Inserts new messages with their payload and attempts on PostgreSQL in one transaction, with three binary COPY
/// streams: EF's SaveChanges recorded about 540 messages/s into the 10M bench store (a tracked entity, a parameter set
/// and a key read back per row), far from the 20,000/s target (bench/README.md). The ids are taken from the table's
/// identity sequence in one statement, so the payload and attempt rows need no key read back. Stores values exactly as
/// the EF model does (payloads through <see cref="PayloadCodec"/>, UTC timestamps). Sets
/// <see cref="IntegrationMessage.Id"/> on each message. In the same transaction, as <see cref="SqliteMessageWriter"/>:
/// the hourly <see cref="MessageCounts"/>, and the resolution of the earlier open failures of its processed items. Runs
/// inside the execution strategy (PostgreSQL retries transient failures, ADR-020).
/// </summary>
public static class PostgreSqlMessageWriter
{
    private const string CopyMessages =
        "COPY \"Messages\" (\"Id\", \"MessageId\", \"ShortId\", \"ConnectionId\", \"Diagram\", \"Situation\", \"Component\", \"BusinessKey\", " +
        "\"KeyTier\", \"CorrelationId\", \"RunId\", \"ReceivedAtUtc\", \"UpdatedAtUtc\", \"AttemptCount\", \"LastError\", \"CauseKey\", \"ParentDiagram\", \"ParentKey\") FROM STDIN (FORMAT BINARY)";

    private const string CopyPayloads = "COPY \"MessagePayloads\" (\"MessageId\", \"Content\", \"RemoteResponse\") FROM STDIN (FORMAT BINARY)";

    private const string CopyAttempts =
        "COPY \"MessageAttempts\" (\"MessageId\", \"Number\", \"StartedAtUtc\", \"EndedAtUtc\", \"Outcome\", \"Component\", \"Error\", \"Excerpt\", " +
        "\"TriggeredBy\") FROM STDIN (FORMAT BINARY)";

    public static Task WriteAsync(IpaasDbContext db, IReadOnlyList<EncodedMessage> messages, CancellationToken cancellationToken) =>
        WriteAsync(db, messages, change: null, cancellationToken);

    /// <summary>
    /// Writes <paramref name="batch"/> and, first in the same transaction, <paramref name="change"/>: a state change
    /// (through EF on <paramref name="db"/>, which sees the transaction) that may return more messages to write with it
    /// (ADR-027: a hub-state change and the messages of its items are durable together or not at all). A retry of the
    /// execution strategy runs the change again in a new transaction.
    /// </summary>
    public static async Task WriteAsync(
        IpaasDbContext db,
        IReadOnlyList<EncodedMessage> batch,
        Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<EncodedMessage>>>? change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(batch);
        if (!db.Database.IsNpgsql())
        {
            throw new InvalidOperationException("PostgreSqlMessageWriter writes to PostgreSQL only.");
        }

        if (batch.Count == 0 && change is null)
        {
            return;
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            IReadOnlyList<EncodedMessage> messages = batch;
            if (change is not null && await change(db, cancellationToken) is { Count: > 0 } more)
            {
                messages = [.. batch, .. more];
            }

            if (messages.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var ids = await NextIdsAsync(connection, messages.Count, cancellationToken);
            for (var i = 0; i < messages.Count; i++)
            {
                var m = messages[i].Message;
                m.Id = ids[i];
                if (m.Payload is { } p)
                {
                    p.MessageId = m.Id;
                }

                foreach (var a in m.Attempts)
                {
                    a.MessageId = m.Id;
                }
            }

            await CopyAsync(connection, messages, cancellationToken);

            // As SqliteMessageWriter: the batch's hourly counters, then the failures its processed items heal (ADR-021, ADR-017).
            await MessageCounts.ApplyAsync(db, MessageCounts.ForNewMessages(messages.Select(e => e.Message)), cancellationToken);
            await FailureGroupChanges.MarkNewAsync(db, messages.Select(e => e.Message), cancellationToken);
            var resolvers = MessageResolution.ResolversOf(messages.Select(e => e.Message));
            if (resolvers.Count > 0)
            {
                await MessageResolution.ResolveAsync(db, resolvers, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
    }

    // The identity's own sequence: ids another writer cannot take, in ascending order as the recorder's batch is. The
    // sequence is looked up once per statement: in the select list, pg_get_serial_sequence ran once per id (5 % of the
    // server's time per recorded message).
    private static async Task<List<long>> NextIdsAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('\"Messages\"', 'Id')::regclass AS seq) SELECT nextval(s.seq) FROM s, generate_series(1, @n)", connection);
        command.Parameters.AddWithValue("n", count);
        var ids = new List<long>(count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        ids.Sort();
        return ids;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<EncodedMessage> messages, CancellationToken cancellationToken)
    {
        await using (var rows = await connection.BeginBinaryImportAsync(CopyMessages, cancellationToken))
        {
            foreach (var (m, _, _) in messages)
            {
                await rows.StartRowAsync(cancellationToken);
                await rows.WriteAsync(m.Id, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(m.MessageId, NpgsqlDbType.Uuid, cancellationToken);
                await rows.WriteAsync(m.ShortId, NpgsqlDbType.Varchar, cancellationToken);
                await rows.WriteAsync(m.ConnectionId, NpgsqlDbType.Varchar, cancellationToken);
                await rows.WriteAsync(m.Diagram, NpgsqlDbType.Integer, cancellationToken);
                await rows.WriteAsync((int)m.Situation, NpgsqlDbType.Integer, cancellationToken);
                await rows.WriteAsync(m.Component, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(rows, m.BusinessKey, NpgsqlDbType.Varchar, cancellationToken);
                await rows.WriteAsync(m.KeyTier, NpgsqlDbType.Integer, cancellationToken);
                await WriteAsync(rows, m.CorrelationId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(rows, m.RunId, NpgsqlDbType.Uuid, cancellationToken);
                await rows.WriteAsync(Utc(m.ReceivedAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                await rows.WriteAsync(Utc(m.UpdatedAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                await rows.WriteAsync(m.AttemptCount, NpgsqlDbType.Integer, cancellationToken);
                await WriteAsync(rows, m.LastError, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(rows, m.CauseKey, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(rows, m.ParentDiagram, NpgsqlDbType.Integer, cancellationToken);
                await WriteAsync(rows, m.ParentKey, NpgsqlDbType.Varchar, cancellationToken);
            }

            await rows.CompleteAsync(cancellationToken);
        }

        await using (var rows = await connection.BeginBinaryImportAsync(CopyPayloads, cancellationToken))
        {
            foreach (var (m, content, remote) in messages)
            {
                // Already encoded by the caller (SqliteMessageWriter.Encode), or encoded here from the entity.
                var stored = content ?? (m.Payload is { } p ? PayloadCodec.Encode(p.Content) : null);
                if (stored is null)
                {
                    continue;
                }

                var storedRemote = content is not null ? remote : m.Payload?.RemoteResponse is { } r ? PayloadCodec.Encode(r) : null;
                await rows.StartRowAsync(cancellationToken);
                await rows.WriteAsync(m.Id, NpgsqlDbType.Bigint, cancellationToken);
                await rows.WriteAsync(stored, NpgsqlDbType.Bytea, cancellationToken);
                await WriteAsync(rows, storedRemote, NpgsqlDbType.Bytea, cancellationToken);
            }

            await rows.CompleteAsync(cancellationToken);
        }

        await using (var rows = await connection.BeginBinaryImportAsync(CopyAttempts, cancellationToken))
        {
            foreach (var (m, _, _) in messages)
            {
                foreach (var a in m.Attempts)
                {
                    await rows.StartRowAsync(cancellationToken);
                    await rows.WriteAsync(m.Id, NpgsqlDbType.Bigint, cancellationToken);
                    await rows.WriteAsync(a.Number, NpgsqlDbType.Integer, cancellationToken);
                    await rows.WriteAsync(Utc(a.StartedAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                    await rows.WriteAsync(Utc(a.EndedAtUtc), NpgsqlDbType.TimestampTz, cancellationToken);
                    await rows.WriteAsync((int)a.Outcome, NpgsqlDbType.Integer, cancellationToken);
                    await rows.WriteAsync(a.Component, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteAsync(rows, a.Error, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteAsync(rows, a.Excerpt, NpgsqlDbType.Text, cancellationToken);
                    await rows.WriteAsync(a.TriggeredBy, NpgsqlDbType.Varchar, cancellationToken);
                }
            }

            await rows.CompleteAsync(cancellationToken);
        }
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter rows, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? rows.WriteNullAsync(cancellationToken) : rows.WriteAsync(value, type, cancellationToken);

    private static Task WriteAsync(NpgsqlBinaryImporter rows, Guid? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is { } v ? rows.WriteAsync(v, type, cancellationToken) : rows.WriteNullAsync(cancellationToken);

    private static Task WriteAsync(NpgsqlBinaryImporter rows, int? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is { } v ? rows.WriteAsync(v, type, cancellationToken) : rows.WriteNullAsync(cancellationToken);
}
