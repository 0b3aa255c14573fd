using System.Diagnostics;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Data.Storage;
using Microsoft.Data.Sqlite;

namespace IpaasMonitor.Bench;

/// <summary>
/// The baseline: the grid written the straightforward way. OFFSET paging, exact COUNT(*) per situation
/// (GROUP BY), the payload joined into the grid query, a search with OR and LIKE, and only single-column indexes
/// (one per filtered column, as [Index] attributes would give). It runs on its own copy of the message rows
/// (the naive file) with the payloads read from the real store (ATTACH), so the store itself stays untouched.
/// </summary>
internal sealed class NaiveQueries : IAsyncDisposable
{
    private const string Columns =
        "m.Id, m.MessageId, m.ShortId, m.ConnectionId, m.Diagram, m.Situation, m.Component, m.BusinessKey, m.CorrelationId, " +
        "m.ReceivedAtUtc, m.UpdatedAtUtc, m.AttemptCount, m.LastError";

    private static readonly string[] SingleColumnIndexes =
        ["ReceivedAtUtc", "Diagram", "Situation", "ConnectionId", "ShortId", "BusinessKey", "CorrelationId"];

    private readonly SqliteConnection connection;

    private NaiveQueries(SqliteConnection connection) => this.connection = connection;

    public static async Task<NaiveQueries> CreateAsync(string storePath, string naivePath, long messages)
    {
        await EnsureNaiveCopyAsync(storePath, naivePath, messages);
        var connection = new SqliteConnection($"Data Source={naivePath}");
        await connection.OpenAsync();
        await using var attach = connection.CreateCommand();
        attach.CommandText = $"ATTACH DATABASE '{storePath}' AS store; PRAGMA temp_store=MEMORY;";
        await attach.ExecuteNonQueryAsync();
        return new NaiveQueries(connection);
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    public async Task PageAsync(MessageFilter filter, int offset)
    {
        await using var command = connection.CreateCommand();
        var where = Where(command, filter, includeSituations: true);
        command.CommandText =
            $"SELECT {Columns}, p.Content, p.RemoteResponse FROM Messages m LEFT JOIN store.MessagePayloads p ON p.MessageId = m.Id " +
            $"WHERE {where} ORDER BY m.ReceivedAtUtc DESC LIMIT 25 OFFSET {offset}";
        await DrainAsync(command);
    }

    public async Task CountsAsync(MessageFilter filter)
    {
        await using var command = connection.CreateCommand();
        var where = Where(command, filter, includeSituations: false);
        command.CommandText = $"SELECT m.Situation, COUNT(*) FROM Messages m WHERE {where} GROUP BY m.Situation";
        await DrainAsync(command);
    }

    /// <summary>The overview's numbers the straightforward way: a GROUP BY over the messages received since <paramref name="fromUtc"/>.</summary>
    public async Task OverviewAsync(DateTime fromUtc)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.ConnectionId, m.Diagram, m.Situation, COUNT(*) FROM Messages m WHERE m.ReceivedAtUtc >= $from GROUP BY 1, 2, 3";
        command.Parameters.AddWithValue("$from", fromUtc.Ticks);
        await DrainAsync(command);
    }

    public async Task DetailAsync(Guid messageId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {Columns}, p.Content, p.RemoteResponse FROM Messages m LEFT JOIN store.MessagePayloads p ON p.MessageId = m.Id " +
            "WHERE m.MessageId = $id";
        command.Parameters.AddWithValue("$id", messageId.ToString().ToUpperInvariant());
        long id = 0;
        string? correlation = null;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                id = reader.GetInt64(0);
                correlation = reader.IsDBNull(8) ? null : reader.GetString(8);
                _ = PayloadCodec.Decode((byte[])reader.GetValue(13));
            }
        }

        await using var attempts = connection.CreateCommand();
        attempts.CommandText =
            "SELECT * FROM store.MessageAttempts WHERE MessageId = $id ORDER BY Number;" +
            $"SELECT {Columns} FROM Messages m WHERE m.CorrelationId = $c AND m.Id <> $id ORDER BY m.ReceivedAtUtc DESC LIMIT 50";
        attempts.Parameters.AddWithValue("$id", id);
        attempts.Parameters.AddWithValue("$c", (object?)correlation ?? DBNull.Value);
        await DrainAsync(attempts);
    }

    private static string Where(SqliteCommand command, MessageFilter filter, bool includeSituations)
    {
        var terms = new List<string> { "1 = 1" };
        if (filter.ConnectionId is { } connection)
        {
            terms.Add("m.ConnectionId = $conn");
            command.Parameters.AddWithValue("$conn", connection);
        }

        if (filter.Diagrams.Count > 0)
        {
            terms.Add($"m.Diagram IN ({string.Join(',', filter.Diagrams)})");
        }

        if (includeSituations && filter.Situations.Count > 0)
        {
            terms.Add($"m.Situation IN ({string.Join(',', filter.Situations.Select(s => (int)s))})");
        }

        if (filter.ReceivedFromUtc is { } from)
        {
            terms.Add("m.ReceivedAtUtc >= $from");
            command.Parameters.AddWithValue("$from", from.Ticks);
        }

        if (filter.ReceivedToUtc is { } to)
        {
            terms.Add("m.ReceivedAtUtc < $to");
            command.Parameters.AddWithValue("$to", to.Ticks);
        }

        if (filter.Search is { } search)
        {
            terms.Add("(m.ShortId LIKE $prefix OR m.BusinessKey = $key OR m.CorrelationId = $key)");
            command.Parameters.AddWithValue("$prefix", search.ToLowerInvariant() + "%");
            command.Parameters.AddWithValue("$key", search);
        }

        return string.Join(" AND ", terms);
    }

    private static async Task DrainAsync(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    _ = reader.GetValue(i);
                }
            }
        }
        while (await reader.NextResultAsync());
    }

    private static async Task EnsureNaiveCopyAsync(string storePath, string naivePath, long messages)
    {
        var marker = naivePath + ".done";
        if (File.Exists(naivePath) && File.Exists(marker) && File.ReadAllText(marker).Trim() == messages.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return;
        }

        File.Delete(naivePath);
        Console.WriteLine($"Building the naive copy ({naivePath})...");
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={naivePath};Pooling=False");
        await connection.OpenAsync();
        var sql = new List<string>
        {
            "PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-262144",
            $"ATTACH DATABASE '{storePath}' AS store",
            "CREATE TABLE Messages (Id INTEGER NOT NULL PRIMARY KEY, MessageId TEXT NOT NULL, ShortId TEXT NOT NULL, ConnectionId TEXT NOT NULL, " +
            "Diagram INTEGER NOT NULL, Situation INTEGER NOT NULL, Component TEXT NOT NULL, BusinessKey TEXT NULL, CorrelationId TEXT NULL, RunId TEXT NULL, " +
            "ReceivedAtUtc INTEGER NOT NULL, UpdatedAtUtc INTEGER NOT NULL, AttemptCount INTEGER NOT NULL, LastError TEXT NULL)",
            "INSERT INTO Messages SELECT Id, MessageId, ShortId, ConnectionId, Diagram, Situation, Component, BusinessKey, CorrelationId, RunId, ReceivedAtUtc, UpdatedAtUtc, AttemptCount, LastError FROM store.Messages ORDER BY Id",
            "CREATE UNIQUE INDEX IX_N_MessageId ON Messages (MessageId)",
        };
        sql.AddRange(SingleColumnIndexes.Select(c => $"CREATE INDEX IX_N_{c} ON Messages ({c})"));
        sql.Add("DETACH DATABASE store");
        sql.Add("PRAGMA journal_mode=WAL");
        foreach (var statement in sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }

        await File.WriteAllTextAsync(marker, messages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine($"Naive copy built in {watch.Elapsed.TotalSeconds:N0} s");
    }
}
