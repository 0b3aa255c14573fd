using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// SQLite's execution strategy: an operation refused with <c>SQLITE_BUSY</c> or <c>SQLITE_LOCKED</c> after the
/// connection's busy timeout (Microsoft.Data.Sqlite retries a busy statement until <c>Default Timeout</c>, 30 s) is run
/// again from its start, a few times with back-off. SQLite has one writer at a time and no queue: when many writers wait
/// (the first pass of all diagrams on a loaded machine), one of them can lose the race for the whole timeout and its run
/// used to fail with "database is locked", although nothing was wrong with its data. Every explicit transaction of the
/// store already runs inside <c>CreateExecutionStrategy().ExecuteAsync</c> (ADR-020 amendment), so the whole transaction
/// is what is repeated; a commit is never half done in SQLite, so a repeat cannot write twice.
/// </summary>
public sealed class SqliteBusyRetryStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, MaxRetries, TimeSpan.FromSeconds(5))
{
    /// <summary>Repeats after the first refusal; with the busy timeout before each, a writer waits minutes before failing.</summary>
    public const int MaxRetries = 4;

    /// <summary>SQLite's <c>SQLITE_BUSY</c> (5) and <c>SQLITE_LOCKED</c> (6); the primary code covers their extended codes.</summary>
    public static bool IsBusy(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

    protected override bool ShouldRetryOn(Exception exception) => IsBusy(exception);
}
