using System.Data.Common;
using System.Text.Json;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// Failures that heal close themselves (ADR-017): when a message of an item (connection, diagram, business key) is
/// recorded as Processed, every earlier open failure or pending re-queue of that item becomes
/// <see cref="MessageSituation.Resolved"/>, linked to that message. Set-based: one statement per recorded batch, which
/// joins the batch's processed items (one JSON parameter) to the partial index of open work by item
/// (<c>IX_Messages_OpenByItem</c>): one seek per processed item, whatever the size of the store.
/// </summary>
public static class MessageResolution
{
    /// <summary>
    /// The SQLite statement. The situation test is the partial index's own <c>"Situation" IN (3, 4)</c>, so the index
    /// applies, and <c>INDEXED BY</c> makes it the only way in: without it SQLite, which has no statistics, preferred the
    /// (Situation, ReceivedAtUtc) index, a walk of every open failure per batch (seen in the plan test). So the JSON list
    /// is the outer loop and each item one seek.
    /// </summary>
    public const string SqliteSql =
        "UPDATE \"Messages\" AS m INDEXED BY \"IX_Messages_OpenByItem\" SET \"Situation\" = 6, \"ResolvedByMessageId\" = json_extract(j.value, '$.m'), " +
        "\"ResolvedAtUtc\" = json_extract(j.value, '$.t'), \"UpdatedAtUtc\" = json_extract(j.value, '$.t') " +
        "FROM json_each($items) AS j " +
        "WHERE m.\"ConnectionId\" = json_extract(j.value, '$.c') AND m.\"Diagram\" = json_extract(j.value, '$.d') " +
        "AND m.\"BusinessKey\" = json_extract(j.value, '$.k') AND m.\"Situation\" IN (3, 4) AND m.\"Id\" < json_extract(j.value, '$.i') " +
        "AND (json_extract(j.value, '$.r') IS NULL OR m.\"RunId\" IS NULL OR m.\"RunId\" <> json_extract(j.value, '$.r'))";

    private const string SqlServerSql =
        "UPDATE m SET m.[Situation] = 6, m.[ResolvedByMessageId] = j.[m], m.[ResolvedAtUtc] = j.[t], m.[UpdatedAtUtc] = j.[t] " +
        "FROM [Messages] AS m JOIN OPENJSON(@items) WITH ([c] varchar(64) '$.c', [d] int '$.d', [k] nvarchar(128) '$.k', " +
        "[i] bigint '$.i', [m] uniqueidentifier '$.m', [t] datetime2 '$.u', [r] uniqueidentifier '$.r') AS j ON m.[ConnectionId] = j.[c] AND m.[Diagram] = j.[d] AND m.[BusinessKey] = j.[k] " +
        "WHERE m.[Situation] IN (3, 4) AND m.[Id] < j.[i] AND (j.[r] IS NULL OR m.[RunId] IS NULL OR m.[RunId] <> j.[r])";

    // PostgreSQL takes the items as typed arrays: a JSON parameter was parsed twice per statement (once by the planner,
    // which folds the function of a constant, once by the executor), about 5 % of the server's time per recorded batch.
    private const string PostgreSqlSql =
        "UPDATE \"Messages\" AS m SET \"Situation\" = 6, \"ResolvedByMessageId\" = j.m, \"ResolvedAtUtc\" = j.z, \"UpdatedAtUtc\" = j.z " +
        "FROM unnest(@c, @d, @k, @i, @m, @z, @r) AS j(c, d, k, i, m, z, r) " +
        "WHERE m.\"ConnectionId\" = j.c AND m.\"Diagram\" = j.d AND m.\"BusinessKey\" = j.k AND m.\"Situation\" IN (3, 4) AND m.\"Id\" < j.i " +
        "AND (j.r IS NULL OR m.\"RunId\" IS NULL OR m.\"RunId\" <> j.r)";

    /// <summary>
    /// The items a batch of recorded messages resolves: each processed message with a business key, the newest per item
    /// (messages carry their row id: call after the insert).
    /// </summary>
    public static IReadOnlyList<Resolver> ResolversOf(IEnumerable<IntegrationMessage> messages) => ResolversOf(messages, m => m.Id);

    /// <summary>
    /// As <see cref="ResolversOf(IEnumerable{IntegrationMessage})"/>, with each message's row id given by
    /// <paramref name="idOf"/>: EF keeps the ids it generated in its entries until the changes are accepted
    /// (<see cref="EfMessageWriter"/>). An id of 0 (not inserted yet) would resolve nothing: refused.
    /// </summary>
    public static IReadOnlyList<Resolver> ResolversOf(IEnumerable<IntegrationMessage> messages, Func<IntegrationMessage, long> idOf)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(idOf);
        return messages
            .Where(m => m.Situation == MessageSituation.Processed && !string.IsNullOrEmpty(m.BusinessKey))
            .Select(m => (Message: m, Id: idOf(m) is > 0 and var id ? id : throw new InvalidOperationException($"Message {m.MessageId} has no row id yet: resolve after the insert.")))
            .GroupBy(x => (x.Message.ConnectionId, x.Message.Diagram, x.Message.BusinessKey))
            .Select(g => g.MaxBy(x => x.Id))
            .Select(x => new Resolver(x.Message.ConnectionId, x.Message.Diagram, x.Message.BusinessKey!, x.Id, x.Message.MessageId, x.Message.ReceivedAtUtc, x.Message.RunId))
            .ToList();
    }

    /// <summary>
    /// The item a re-queued message processed just now resolves: every other open failure of the item, older or newer
    /// than the message itself, was recorded before this attempt ended.
    /// </summary>
    public static Resolver ForReprocessed(IntegrationMessage message, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Resolver(message.ConnectionId, message.Diagram, message.BusinessKey ?? "", long.MaxValue, message.MessageId, nowUtc, RunId: null);
    }

    /// <summary>
    /// Resolves the open failures of the given items in the context's current transaction (one is begun when there is
    /// none), and moves their hourly counters (ADR-021) from Failed or Requeued to Resolved in the same transaction.
    /// One statement per situation left (Failed, then Requeued), each returning the rows it changed.
    /// </summary>
    public static async Task<int> ResolveAsync(IpaasDbContext db, IReadOnlyList<Resolver> resolvers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(resolvers);
        if (resolvers.Count == 0)
        {
            return 0;
        }

        if (db.Database.CurrentTransaction is not null)
        {
            return await ResolveInTransactionAsync(db, resolvers, cancellationToken);
        }

        // A transaction of its own, through the execution strategy (a retrying strategy refuses any other, ADR-020).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var own = await db.Database.BeginTransactionAsync(cancellationToken);
            var resolved = await ResolveInTransactionAsync(db, resolvers, cancellationToken);
            await own.CommitAsync(cancellationToken);
            return resolved;
        });
    }

    private static async Task<int> ResolveInTransactionAsync(IpaasDbContext db, IReadOnlyList<Resolver> resolvers, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var items = db.Database.IsNpgsql() ? null : ToJson(resolvers);
        var deltas = new Dictionary<CounterKey, long>();
        var resolved = 0;
        var causeKeys = new HashSet<string?>(StringComparer.Ordinal);
        foreach (var from in new[] { MessageSituation.Failed, MessageSituation.Requeued })
        {
            var changed = await UpdateAsync(db, connection, transaction, resolvers, items, from, cancellationToken);
            resolved += changed.Count;
            if (from == MessageSituation.Failed)
            {
                causeKeys.UnionWith(changed.Select(c => c.CauseKey));
            }

            foreach (var (key, delta) in MessageCounts.ForMove(changed, from, MessageSituation.Resolved))
            {
                deltas[key] = deltas.GetValueOrDefault(key) + delta;
            }
        }

        await MessageCounts.ApplyAsync(db, deltas, cancellationToken);
        await FailureGroupChanges.MarkAsync(db, causeKeys, cancellationToken);
        return resolved;
    }

    private static async Task<List<CountedMessage>> UpdateAsync(
        IpaasDbContext db, DbConnection connection, DbTransaction transaction, IReadOnlyList<Resolver> resolvers, string? items, MessageSituation from,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var situation = ((int)from).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (db.Database.IsNpgsql())
        {
            command.CommandText = PostgreSqlSql + $" AND m.\"Situation\" = {situation} RETURNING m.\"ConnectionId\", m.\"Diagram\", m.\"ReceivedAtUtc\", m.\"CauseKey\"";
            var parameters = command.Parameters;
            parameters.Add(new NpgsqlParameter<string[]>("c", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. resolvers.Select(r => r.ConnectionId)] });
            parameters.Add(new NpgsqlParameter<int[]>("d", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. resolvers.Select(r => r.Diagram)] });
            parameters.Add(new NpgsqlParameter<string[]>("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. resolvers.Select(r => r.BusinessKey)] });
            parameters.Add(new NpgsqlParameter<long[]>("i", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. resolvers.Select(r => r.BeforeId)] });
            parameters.Add(new NpgsqlParameter<Guid[]>("m", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = [.. resolvers.Select(r => r.MessageId)] });
            parameters.Add(new NpgsqlParameter<DateTime[]>("z", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            {
                TypedValue = [.. resolvers.Select(r => r.ResolvedAtUtc.ToUniversalTime())],
            });
            parameters.Add(new NpgsqlParameter<Guid?[]>("r", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = [.. resolvers.Select(r => r.RunId)] });
        }
        else if (db.Database.IsSqlite())
        {
            // SQLite's RETURNING takes the updated table's columns unqualified.
            command.CommandText = SqliteSql + $" AND m.\"Situation\" = {situation} RETURNING \"ConnectionId\", \"Diagram\", \"ReceivedAtUtc\", \"CauseKey\"";
            AddItems(command, "$items", items);
        }
        else
        {
            command.CommandText = SqlServerSql.Replace(" FROM [Messages]", " OUTPUT inserted.[ConnectionId], inserted.[Diagram], inserted.[ReceivedAtUtc], inserted.[CauseKey] FROM [Messages]", StringComparison.Ordinal)
                + $" AND m.[Situation] = {situation}";
            AddItems(command, "@items", items);
        }

        var changed = new List<CountedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var received = reader.GetFieldType(2) == typeof(long)
                ? new DateTime(reader.GetInt64(2), DateTimeKind.Utc) // SQLite: the model's converter stores UTC ticks
                : DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
            changed.Add(new CountedMessage(reader.GetString(0), reader.GetInt32(1), received, reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return changed;
    }

    private static void AddItems(DbCommand command, string name, string? items)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = items ?? throw new InvalidOperationException("The items of the resolution are missing.");
        command.Parameters.Add(parameter);
    }

    // Guids as the EF model stores them on SQLite (upper-case text; SQL Server parses either case); the time as UTC ticks
    // for SQLite (the model's converter) and as an ISO date for SQL Server.
    private static string ToJson(IReadOnlyList<Resolver> resolvers) => JsonSerializer.Serialize(resolvers.Select(r => new Dictionary<string, object?>
    {
        ["c"] = r.ConnectionId,
        ["d"] = r.Diagram,
        ["k"] = r.BusinessKey,
        ["i"] = r.BeforeId,
        ["m"] = r.MessageId.ToString().ToUpperInvariant(),
        ["r"] = r.RunId?.ToString().ToUpperInvariant(),
        ["t"] = r.ResolvedAtUtc.ToUniversalTime().Ticks,
        ["u"] = r.ResolvedAtUtc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
    }));
}

/// <summary>
/// A processed item: its open failures with a row id below <paramref name="BeforeId"/> are resolved by
/// <paramref name="MessageId"/> at <paramref name="ResolvedAtUtc"/>. A failure of the resolver's own run (<paramref name="RunId"/>; null for a re-queue, which resolves them all) stays open:
/// a run that both stored an item and refused a second copy of it (a duplicate key in one ERP page) healed nothing.
/// </summary>
public sealed record Resolver(string ConnectionId, int Diagram, string BusinessKey, long BeforeId, Guid MessageId, DateTime ResolvedAtUtc, Guid? RunId);
