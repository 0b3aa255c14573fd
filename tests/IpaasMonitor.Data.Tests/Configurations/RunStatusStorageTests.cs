using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Data.Tests.Configurations;

public sealed class RunStatusStorageTests
{
    [Theory]
    [InlineData(RunStatus.Running, "Running")]
    [InlineData(RunStatus.Completed, "Completed")]
    [InlineData(RunStatus.Failed, "Failed")]
    public async Task RunStatus_IsStoredAsItsName_AndReadBack(RunStatus status, string stored)
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var run = new DiagramRun { Id = Guid.NewGuid(), ConnectionId = "VA-CUSTOMIZADA", Diagram = 1, StartedAtUtc = DateTime.UtcNow, Status = status };
        await database.InsertAsync([run]);

        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Status FROM DiagramRuns";
            (await command.ExecuteScalarAsync()).Should().Be(stored, "the column keeps the text it held as a string property");
        }

        await using var db = await database.Factory.CreateDbContextAsync();
        (await db.Runs.SingleAsync()).Status.Should().Be(status);
        Enum.GetNames<RunStatus>().Should().OnlyContain(n => n.Length <= DiagramRun.StatusMaxLength);
    }
}
