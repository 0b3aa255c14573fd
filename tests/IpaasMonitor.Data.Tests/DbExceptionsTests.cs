using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing;
using IpaasMonitor.Testing.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IpaasMonitor.Data.Tests;

/// <summary><see cref="DbExceptions.IsUniqueViolation"/> on failures a real SQLite or PostgreSQL database raises.</summary>
public sealed class DbExceptionsTests
{
    private static readonly DateTime T0 = new(2024, 3, 7, 21, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ASecondRowWithTheSamePrimaryKey_IsAUniqueViolation()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await database.InsertAsync([Watermark("conn-a")]);

        var failure = await SaveFailureAsync(database, db => db.Watermarks.Add(Watermark("conn-a")));

        failure.InnerException.Should().BeOfType<SqliteException>().Which.SqliteExtendedErrorCode.Should().Be(1555, "SQLITE_CONSTRAINT_PRIMARYKEY");
        DbExceptions.IsUniqueViolation(failure).Should().BeTrue();
    }

    [Fact]
    public async Task ASecondRowWithTheSameUniqueIndexKey_IsAUniqueViolation()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await database.InsertAsync([Record("SKU-1")]);

        var failure = await SaveFailureAsync(database, db => db.HubRecords.Add(Record("SKU-1")));

        failure.InnerException.Should().BeOfType<SqliteException>().Which.SqliteExtendedErrorCode.Should().Be(2067, "SQLITE_CONSTRAINT_UNIQUE");
        DbExceptions.IsUniqueViolation(failure).Should().BeTrue();
    }

    [Fact]
    public async Task ANotNullFailure_IsNoUniqueViolation()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();

        var record = Record("SKU-1");
        record.Content = null!;

        var failure = await SaveFailureAsync(database, db => db.HubRecords.Add(record));

        failure.InnerException.Should().BeOfType<SqliteException>().Which.SqliteExtendedErrorCode.Should().Be(1299, "SQLITE_CONSTRAINT_NOTNULL");
        DbExceptions.IsUniqueViolation(failure).Should().BeFalse("a constraint failure that is no key conflict is a bug to show");
    }

    [Fact]
    public async Task AConstraintRaisedByATrigger_IsNoUniqueViolation()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse BEFORE INSERT ON Watermarks BEGIN SELECT RAISE(ABORT, 'refused'); END");
        }

        var failure = await SaveFailureAsync(database, db => db.Watermarks.Add(Watermark("conn-a")));

        var sqlite = failure.InnerException.Should().BeOfType<SqliteException>().Which;
        sqlite.SqliteErrorCode.Should().Be(19, "SQLITE_CONSTRAINT, like a key conflict");
        sqlite.SqliteExtendedErrorCode.Should().Be(1811, "SQLITE_CONSTRAINT_TRIGGER");
        DbExceptions.IsUniqueViolation(failure).Should().BeFalse("only the extended code says it was a key");
    }

    [Fact]
    public async Task AWriteToAReadOnlyConnection_IsNoUniqueViolation()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();

        var failure = await SaveFailureAsync(database, db =>
        {
            db.Database.OpenConnection();
            db.Database.ExecuteSqlRaw("PRAGMA query_only = ON");
            db.Watermarks.Add(Watermark("conn-a"));
        });

        failure.InnerException.Should().BeOfType<SqliteException>().Which.SqliteErrorCode.Should().Be(8, "SQLITE_READONLY");
        DbExceptions.IsUniqueViolation(failure).Should().BeFalse();
    }

    [Fact]
    public async Task OnPostgreSql_ASecondRowWithTheSamePrimaryKey_IsAUniqueViolation()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await database.InsertAsync([Watermark("conn-a")]);

        var failure = await SaveFailureAsync(database, db => db.Watermarks.Add(Watermark("conn-a")));

        failure.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be("23505", "unique_violation");
        DbExceptions.IsUniqueViolation(failure).Should().BeTrue();
    }

    [Fact]
    public async Task OnPostgreSql_ASecondRowWithTheSameUniqueIndexKey_IsAUniqueViolation()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await database.InsertAsync([Record("SKU-1")]);

        var failure = await SaveFailureAsync(database, db => db.HubRecords.Add(Record("SKU-1")));

        failure.InnerException.Should().BeOfType<PostgresException>().Which.ConstraintName.Should().Be("IX_HubRecords_ConnectionId_Kind_ErpKey");
        DbExceptions.IsUniqueViolation(failure).Should().BeTrue();
    }

    [Fact]
    public async Task OnPostgreSql_ANotNullFailure_IsNoUniqueViolation()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var record = Record("SKU-1");
        record.Content = null!;

        var failure = await SaveFailureAsync(database, db => db.HubRecords.Add(record));

        failure.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be("23502", "not_null_violation");
        DbExceptions.IsUniqueViolation(failure).Should().BeFalse("a constraint failure that is no key conflict is a bug to show");
    }

    private static async Task<DbUpdateException> SaveFailureAsync(ITestDatabase database, Action<IpaasDbContext> change)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        change(db);
        var save = () => db.SaveChangesAsync();
        return (await save.Should().ThrowAsync<DbUpdateException>()).Which;
    }

    private static Watermark Watermark(string connectionId) => new() { ConnectionId = connectionId, Diagram = 1, ValueUtc = T0, UpdatedAtUtc = T0 };

    private static HubRecord Record(string erpKey) => new()
    {
        ConnectionId = "conn-a",
        Kind = "sku",
        ErpKey = erpKey,
        Content = "{}",
        ContentHash = "h",
        ErpChangedAtUtc = T0,
        UpdatedAtUtc = T0,
    };
}
