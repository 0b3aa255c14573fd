using System.Data.Common;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Inserts new messages with their payload and attempts on SQLite in one transaction, through three prepared
/// single-row statements: what EF's SaveChanges does per row (a command per entity, generated keys read back, change tracking),
/// without the per-row overhead. The transaction takes the write lock first (BEGIN IMMEDIATE), so the ids are chosen
/// here as AUTOINCREMENT would (after the highest ever given, <c>sqlite_sequence</c>) and the payload and attempt rows
/// need no key read back. Stores values exactly as the EF model does (Guid as upper-case text, UTC ticks, payloads
/// through <see cref="PayloadCodec"/>). Sets <see cref="IntegrationMessage.Id"/> on each message. In the same transaction, the
/// batch is added to the hourly <see cref="MessageCounts"/>, and its processed items resolve their earlier open failures
/// (<see cref="MessageResolution"/>, which moves their counts too).
/// </summary>
public static class SqliteMessageWriter
{
    private static readonly Table Messages = new("Messages",
        ["Id", "MessageId", "ShortId", "ConnectionId", "Diagram", "Situation", "Component", "BusinessKey", "KeyTier", "CorrelationId", "RunId", "ReceivedAtUtc", "UpdatedAtUtc", "AttemptCount", "LastError", "CauseKey", "ParentDiagram", "ParentKey"]);

    private static readonly Table Payloads = new("MessagePayloads", ["MessageId", "Content", "RemoteResponse"]);

    private static readonly Table Attempts = new("MessageAttempts",
        ["MessageId", "Number", "StartedAtUtc", "EndedAtUtc", "Outcome", "Component", "Error", "Excerpt", "TriggeredBy"]);

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

    public static Task WriteAsync(IpaasDbContext db, IReadOnlyList<EncodedMessage> messages, CancellationToken cancellationToken) =>
        WriteAsync(db, messages, change: null, cancellationToken);

    /// <summary>
    /// Writes <paramref name="messages"/> and, first in the same transaction, <paramref name="change"/>: a state change
    /// (through EF on <paramref name="db"/>, which sees the transaction) that may return more messages to write with it
    /// (ADR-027: a hub-state change and the messages of its items are durable together or not at all).
    /// </summary>
    public static async Task WriteAsync(
        IpaasDbContext db,
        IReadOnlyList<EncodedMessage> messages,
        Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<EncodedMessage>>>? change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        if (!db.Database.IsSqlite())
        {
            throw new InvalidOperationException("SqliteMessageWriter writes to SQLite only.");
        }

        if (messages.Count == 0 && change is null)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        // Through the execution strategy, as every transaction of the store (a retrying strategy refuses any other, ADR-020).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(() =>
            SqliteWalCheckpointer.WithBackgroundCheckpointAsync(connection, () => InsertAsync(db, connection, messages, change, cancellationToken), cancellationToken));
    }

    private static async Task InsertAsync(
        IpaasDbContext db,
        DbConnection connection,
        IReadOnlyList<EncodedMessage> messages,
        Func<IpaasDbContext, CancellationToken, Task<IReadOnlyList<EncodedMessage>>>? change,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken); // BEGIN IMMEDIATE
        var dbTransaction = transaction.GetDbTransaction();
        if (change is not null && await change(db, cancellationToken) is { Count: > 0 } more)
        {
            messages = [.. messages, .. more];
        }

        if (messages.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var nextId = await NextIdAsync(connection, dbTransaction, cancellationToken);
        await using var message = new Insert(connection, dbTransaction, Messages);
        await using var payload = new Insert(connection, dbTransaction, Payloads);
        await using var attempt = new Insert(connection, dbTransaction, Attempts);
        foreach (var (m, content, remote) in messages)
        {
            m.Id = nextId++;
            await message.ExecuteAsync(cancellationToken, m.Id, m.MessageId.ToString().ToUpperInvariant(), m.ShortId, m.ConnectionId, m.Diagram,
                (int)m.Situation, m.Component, m.BusinessKey, m.KeyTier, m.CorrelationId, m.RunId?.ToString().ToUpperInvariant(), Ticks(m.ReceivedAtUtc),
                Ticks(m.UpdatedAtUtc), m.AttemptCount, m.LastError, m.CauseKey, m.ParentDiagram, m.ParentKey);
            if (content is not null)
            {
                if (m.Payload is { } p)
                {
                    p.MessageId = m.Id;
                }

                await payload.ExecuteAsync(cancellationToken, m.Id, content, remote);
            }

            foreach (var a in m.Attempts)
            {
                a.MessageId = m.Id;
                await attempt.ExecuteAsync(cancellationToken, m.Id, a.Number, Ticks(a.StartedAtUtc), Ticks(a.EndedAtUtc), (int)a.Outcome, a.Component,
                    a.Error, a.Excerpt, a.TriggeredBy);
            }
        }

        // The hourly counters of the overview, in the same transaction: one upsert per (hour, connection, diagram,
        // situation) of the batch, not one per message (ADR-021).
        await MessageCounts.ApplyAsync(db, MessageCounts.ForNewMessages(messages.Select(e => e.Message)), cancellationToken);
        await FailureGroupChanges.MarkNewAsync(db, messages.Select(e => e.Message), cancellationToken);

        // Failures that heal close themselves, in the same transaction (ADR-017): one statement for the batch.
        var resolvers = MessageResolution.ResolversOf(messages.Select(e => e.Message));
        if (resolvers.Count > 0)
        {
            await MessageResolution.ResolveAsync(db, resolvers, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // The model's converter (IpaasDbContext): UTC ticks.
    private static long Ticks(DateTime value) => value.ToUniversalTime().Ticks;

    // AUTOINCREMENT's rule: one past the highest id ever given (sqlite_sequence) or present (MAX over the rowid is a seek).
    private static async Task<long> NextIdAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT MAX(COALESCE((SELECT \"seq\" FROM \"sqlite_sequence\" WHERE \"name\" = 'Messages'), 0), " +
            "COALESCE((SELECT MAX(\"Id\") FROM \"Messages\"), 0))";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    private sealed record Table(string Name, string[] Columns);

    /// <summary>
    /// A prepared single-row INSERT. One row per statement on purpose: Microsoft.Data.Sqlite binds parameters by name and
    /// SQLite finds a name by a linear scan, so a multi-row statement's binding grows with the square of its parameters
    /// (a 64-row statement spent a quarter of the writer's time in strncmp, measured with perf).
    /// </summary>
    private sealed class Insert : IAsyncDisposable
    {
        private readonly DbCommand command;

        public Insert(DbConnection connection, DbTransaction transaction, Table table)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            foreach (var column in table.Columns)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$" + column;
                command.Parameters.Add(parameter);
            }

            command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) " +
                $"VALUES ({string.Join(", ", table.Columns.Select(c => "$" + c))})";
        }

        public Task ExecuteAsync(CancellationToken cancellationToken, params object?[] row)
        {
            for (var i = 0; i < row.Length; i++)
            {
                command.Parameters[i].Value = row[i] ?? DBNull.Value;
            }

            return command.ExecuteNonQueryAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}

/// <summary>
/// A new message with its payload already encoded for storage (null when the message has no payload). The message's
/// <see cref="IntegrationMessage.Payload"/> may be cleared once encoded: the writer stores these bytes.
/// </summary>
public readonly record struct EncodedMessage(IntegrationMessage Message, byte[]? Content, byte[]? RemoteResponse);
