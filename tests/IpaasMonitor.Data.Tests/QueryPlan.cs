using Microsoft.Data.Sqlite;

namespace IpaasMonitor.Data.Tests;

public static class QueryPlan
{
    /// <summary>Runs EXPLAIN QUERY PLAN on EF's ToQueryString output (".param set" lines, then the SQL).</summary>
    public static async Task<string> ExplainAsync(string connectionString, string queryString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var lines = queryString.Split('\n');
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = line[".param set ".Length..].Trim().Split(' ', 2);
            var value = parts[1].Trim();
            object parsed = value.StartsWith('\'') ? value.Trim('\'') : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(parts[0], parsed);
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join(" | ", plan);
    }
}
