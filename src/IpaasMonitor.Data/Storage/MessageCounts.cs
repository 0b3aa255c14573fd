using System.Globalization;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Storage;

/// <summary>One <see cref="MessageCounter"/> row's key.</summary>
public readonly record struct CounterKey(DateTime HourUtc, string ConnectionId, int Diagram, MessageSituation Situation);

/// <summary>
/// Where a message is counted: its connection, diagram and the hour it was received in; and, for a failure, its cause
/// key, whose failure group a move into or out of Failed marks as changed (<see cref="FailureGroupChanges"/>).
/// </summary>
public readonly record struct CountedMessage(string ConnectionId, int Diagram, DateTime ReceivedAtUtc, string? CauseKey = null);

/// <summary>
/// Keeps <see cref="MessageCounter"/> in step with the message table (ADR-021): the recording path adds each recorded
/// batch as one upsert per (hour, connection, diagram, situation) group, and every change of situation moves its
/// messages from one counter to the other, in the same transaction as the change. Nothing here reads the message
/// table except <see cref="BackfillSql"/>, run once by the migration that created the table.
/// </summary>
public static class MessageCounts
{
    /// <summary>The start of the UTC hour <paramref name="utc"/> falls in.</summary>
    public static DateTime HourOf(DateTime utc)
    {
        var ticks = utc.ToUniversalTime().Ticks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc);
    }

    /// <summary>+1 per new message in its (hour, connection, diagram, situation).</summary>
    public static Dictionary<CounterKey, long> ForNewMessages(IEnumerable<IntegrationMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var deltas = new Dictionary<CounterKey, long>();
        foreach (var m in messages)
        {
            var key = new CounterKey(HourOf(m.ReceivedAtUtc), m.ConnectionId, m.Diagram, m.Situation);
            deltas[key] = deltas.GetValueOrDefault(key) + 1;
        }

        return deltas;
    }

    /// <summary>−1 in <paramref name="from"/> and +1 in <paramref name="to"/> for each message that changed situation.</summary>
    public static Dictionary<CounterKey, long> ForMove(IEnumerable<CountedMessage> messages, MessageSituation from, MessageSituation to)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var deltas = new Dictionary<CounterKey, long>();
        if (from == to)
        {
            return deltas;
        }

        foreach (var m in messages)
        {
            var hour = HourOf(m.ReceivedAtUtc);
            var fromKey = new CounterKey(hour, m.ConnectionId, m.Diagram, from);
            var toKey = new CounterKey(hour, m.ConnectionId, m.Diagram, to);
            deltas[fromKey] = deltas.GetValueOrDefault(fromKey) - 1;
            deltas[toKey] = deltas.GetValueOrDefault(toKey) + 1;
        }

        return deltas;
    }

    /// <summary>
    /// A transaction for "read the messages that will change, change them, move their counts": on SQLite it holds the
    /// write lock from the start (BEGIN IMMEDIATE), on SQL Server the rows read stay locked until the commit
    /// (repeatable read), so no other change of the same messages slips in between and the counts stay exact.
    /// </summary>
    public static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginTransitionAsync(IpaasDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // PostgreSQL: read committed. Its conditional updates re-check their WHERE on the row they change, and a counter
        // upsert (ON CONFLICT) under repeatable read would fail with a serialization error whenever a recorder had just
        // added to the same hour.
        return db.Database.IsSqlite() || db.Database.IsNpgsql()
            ? db.Database.BeginTransactionAsync(cancellationToken)
            : db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a <see cref="BeginTransitionAsync"/> transaction and commits it, through the
    /// provider's execution strategy (SQL Server's retrying strategy accepts a transaction only that way).
    /// </summary>
    public static Task<T> InTransitionAsync<T>(IpaasDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await BeginTransitionAsync(db, cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    /// <summary>
    /// Moves messages that changed situation; call it in the transaction that changed them. A move into or out of
    /// Failed also marks the failures' groups as changed, for the groups' refresh (ADR-017 amendment 2).
    /// </summary>
    public static async Task MoveAsync(IpaasDbContext db, IEnumerable<CountedMessage> messages, MessageSituation from, MessageSituation to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var moved = messages as IReadOnlyCollection<CountedMessage> ?? messages.ToList();
        await ApplyAsync(db, ForMove(moved, from, to), cancellationToken);
        if (from != to && (from == MessageSituation.Failed || to == MessageSituation.Failed))
        {
            await FailureGroupChanges.MarkAsync(db, moved.Select(m => m.CauseKey), cancellationToken);
        }
    }

    /// <summary>
    /// Adds the deltas (one statement per group, in <paramref name="db"/>'s current transaction) and deletes the rows
    /// a negative delta brought to zero.
    /// </summary>
    public static async Task ApplyAsync(IpaasDbContext db, IReadOnlyDictionary<CounterKey, long> deltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deltas);
        var sqlite = db.Database.IsSqlite();
        var postgres = db.Database.IsNpgsql();
        var upsert = sqlite ? SqliteUpsert : postgres ? PostgreSqlUpsert : SqlServerUpsert;
        var deleteEmpty = sqlite || postgres ? SqliteDeleteEmpty : SqlServerDeleteEmpty;
        foreach (var (key, delta) in deltas.OrderBy(d => d.Key.HourUtc).ThenBy(d => d.Key.ConnectionId, StringComparer.Ordinal)
                     .ThenBy(d => d.Key.Diagram).ThenBy(d => d.Key.Situation))
        {
            if (delta == 0)
            {
                continue;
            }

            object hour = sqlite ? key.HourUtc.Ticks : key.HourUtc;
            await db.Database.ExecuteSqlRawAsync(upsert, [hour, key.ConnectionId, key.Diagram, (int)key.Situation, delta], cancellationToken);
            if (delta < 0)
            {
                await db.Database.ExecuteSqlRawAsync(deleteEmpty, [hour, key.ConnectionId, key.Diagram, (int)key.Situation], cancellationToken);
            }
        }
    }

    /// <summary>
    /// Fills the counters from the messages already stored (replacing any counter): one grouped pass over the
    /// (ConnectionId, Diagram, Situation, ReceivedAtUtc) index. Run by the migration that created the table.
    /// </summary>
    public static string BackfillSql(bool sqlite) => sqlite
        ? string.Create(CultureInfo.InvariantCulture, $"""
            DELETE FROM "MessageCounters";
            INSERT INTO "MessageCounters" ("HourUtc", "ConnectionId", "Diagram", "Situation", "Count")
            SELECT "ReceivedAtUtc" - ("ReceivedAtUtc" % {TimeSpan.TicksPerHour}) AS "Hour", "ConnectionId", "Diagram", "Situation", COUNT(*)
            FROM "Messages"
            GROUP BY "ConnectionId", "Diagram", "Situation", "Hour";
            """)
        : """
            DELETE FROM [MessageCounters];
            INSERT INTO [MessageCounters] ([HourUtc], [ConnectionId], [Diagram], [Situation], [Count])
            SELECT DATEADD(hour, DATEDIFF(hour, 0, [ReceivedAtUtc]), 0), [ConnectionId], [Diagram], [Situation], COUNT_BIG(*)
            FROM [Messages]
            GROUP BY [ConnectionId], [Diagram], [Situation], DATEADD(hour, DATEDIFF(hour, 0, [ReceivedAtUtc]), 0);
            """;

    private const string SqliteUpsert = """
        INSERT INTO "MessageCounters" ("HourUtc", "ConnectionId", "Diagram", "Situation", "Count") VALUES ({0}, {1}, {2}, {3}, {4})
        ON CONFLICT ("HourUtc", "ConnectionId", "Diagram", "Situation") DO UPDATE SET "Count" = "Count" + excluded."Count"
        """;

    private const string PostgreSqlUpsert = """
        INSERT INTO "MessageCounters" ("HourUtc", "ConnectionId", "Diagram", "Situation", "Count") VALUES ({0}, {1}, {2}, {3}, {4})
        ON CONFLICT ("HourUtc", "ConnectionId", "Diagram", "Situation") DO UPDATE SET "Count" = "MessageCounters"."Count" + excluded."Count"
        """;

    // SQLite and PostgreSQL.
    private const string SqliteDeleteEmpty = """
        DELETE FROM "MessageCounters" WHERE "HourUtc" = {0} AND "ConnectionId" = {1} AND "Diagram" = {2} AND "Situation" = {3} AND "Count" <= 0
        """;

    private const string SqlServerUpsert = """
        MERGE [MessageCounters] WITH (HOLDLOCK) AS t
        USING (SELECT CAST({0} AS datetime2) AS [HourUtc], CAST({1} AS varchar(64)) AS [ConnectionId], {2} AS [Diagram], {3} AS [Situation]) AS s
        ON t.[HourUtc] = s.[HourUtc] AND t.[ConnectionId] = s.[ConnectionId] AND t.[Diagram] = s.[Diagram] AND t.[Situation] = s.[Situation]
        WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + {4}
        WHEN NOT MATCHED THEN INSERT ([HourUtc], [ConnectionId], [Diagram], [Situation], [Count]) VALUES (s.[HourUtc], s.[ConnectionId], s.[Diagram], s.[Situation], {4});
        """;

    private const string SqlServerDeleteEmpty = """
        DELETE FROM [MessageCounters] WHERE [HourUtc] = CAST({0} AS datetime2) AND [ConnectionId] = {1} AND [Diagram] = {2} AND [Situation] = {3} AND [Count] <= 0
        """;
}
