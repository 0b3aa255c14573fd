using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IpaasMonitor.Data;

/// <summary>
/// What a failed save means, for the few places that insert a row someone else may have inserted first (a lease, an
/// order read twice from the feed, a diagram setting). Only a unique-key conflict means "someone got there first";
/// anything else (a locked, read-only, full or broken database, a NOT NULL or CHECK failure) is a real error and must
/// be let through.
/// </summary>
public static class DbExceptions
{
    // SQLite: SQLITE_CONSTRAINT (19) with the extended codes of a UNIQUE index and of a PRIMARY KEY.
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    // SQL Server: violation of a PRIMARY KEY or UNIQUE constraint, and a duplicate key in a unique index.
    private const int SqlServerUniqueConstraint = 2627;
    private const int SqlServerUniqueIndex = 2601;

    /// <summary>True when the save failed only because a row with the same unique key (primary key or unique index) exists.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            SqlException sqlServer => sqlServer.Number is SqlServerUniqueConstraint or SqlServerUniqueIndex,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation, // 23505
            _ => false,
        };
    }
}
