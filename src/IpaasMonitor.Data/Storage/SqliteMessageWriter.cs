using System.Data.Common;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Inserts new messages with their payload and attempts on SQLite through three prepared statements in one
/// transaction: what EF's SaveChanges does per row (a command per entity, generated keys read back, change tracking),
/// without the per-row overhead. Stores values exactly as the EF model does (Guid as upper-case text, UTC ticks,
/// payloads through <see cref="PayloadCodec"/>). Sets <see cref="IntegrationMessage.Id"/> on each message.
/// </summary>
public static class SqliteMessageWriter
{
    private const string InsertMessage =
        "INSERT INTO \"Messages\" (\"MessageId\", \"ShortId\", \"ConnectionId\", \"Diagram\", \"Situation\", \"Component\", \"BusinessKey\", " +
        "\"CorrelationId\", \"RunId\", \"ReceivedAtUtc\", \"UpdatedAtUtc\", \"AttemptCount\", \"LastError\") " +
        "VALUES ($mid, $sid, $conn, $diag, $sit, $comp, $bk, $corr, $run, $recv, $upd, $att, $err) RETURNING \"Id\"";

    private const string InsertPayload =
        "INSERT INTO \"MessagePayloads\" (\"MessageId\", \"Content\", \"RemoteResponse\") VALUES ($id, $content, $remote)";

    private const string InsertAttempt =
        "INSERT INTO \"MessageAttempts\" (\"MessageId\", \"Number\", \"StartedAtUtc\", \"EndedAtUtc\", \"Outcome\", \"Component\", \"Error\", " +
        "\"Excerpt\", \"TriggeredBy\") VALUES ($id, $n, $start, $end, $outcome, $comp, $err, $excerpt, $by)";

    /// <summary>
    /// Compresses a message's payload ahead of the write (<see cref="PayloadCodec"/>), so callers can do it on their own
    /// threads and the single SQLite writer only inserts.
    /// </summary>
    public static EncodedMessage Encode(IntegrationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Payload is { } p
            ? new EncodedMessage(message, PayloadCodec.Encode(p.Content), p.RemoteResponse is null ? null : PayloadCodec.Encode(p.RemoteResponse))
            : new EncodedMessage(message, null, null);
    }

    public static Task WriteAsync(IpaasDbContext db, IReadOnlyList<IntegrationMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return WriteAsync(db, messages.Select(Encode).ToList(), cancellationToken);
    }

    public static async Task WriteAsync(IpaasDbContext db, IReadOnlyList<EncodedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        if (!db.Database.IsSqlite())
        {
            throw new InvalidOperationException("SqliteMessageWriter writes to SQLite only.");
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dbTransaction = transaction.GetDbTransaction();
        var connection = db.Database.GetDbConnection();
        await using var message = Prepare(connection, dbTransaction, InsertMessage, "$mid", "$sid", "$conn", "$diag", "$sit", "$comp", "$bk", "$corr", "$run", "$recv", "$upd", "$att", "$err");
        await using var payload = Prepare(connection, dbTransaction, InsertPayload, "$id", "$content", "$remote");
        await using var attempt = Prepare(connection, dbTransaction, InsertAttempt, "$id", "$n", "$start", "$end", "$outcome", "$comp", "$err", "$excerpt", "$by");
        foreach (var (m, content, remote) in messages)
        {
            Set(message, m.MessageId.ToString().ToUpperInvariant(), m.ShortId, m.ConnectionId, m.Diagram, (int)m.Situation, m.Component,
                m.BusinessKey, m.CorrelationId, m.RunId?.ToString().ToUpperInvariant(), Ticks(m.ReceivedAtUtc), Ticks(m.UpdatedAtUtc),
                m.AttemptCount, m.LastError);
            m.Id = (long)(await message.ExecuteScalarAsync(cancellationToken))!;
            if (m.Payload is { } p)
            {
                p.MessageId = m.Id;
                Set(payload, m.Id, content, remote);
                await payload.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var a in m.Attempts)
            {
                a.MessageId = m.Id;
                Set(attempt, m.Id, a.Number, Ticks(a.StartedAtUtc), Ticks(a.EndedAtUtc), (int)a.Outcome, a.Component, a.Error, a.Excerpt, a.TriggeredBy);
                await attempt.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // The model's converter (IpaasDbContext): UTC ticks.
    private static long Ticks(DateTime value) => value.ToUniversalTime().Ticks;

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}

/// <summary>A new message with its payload already encoded for storage (null when the message has no payload).</summary>
public readonly record struct EncodedMessage(IntegrationMessage Message, byte[]? Content, byte[]? RemoteResponse);
