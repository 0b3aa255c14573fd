using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace IpaasMonitor.Data.Storage;

/// <summary>
/// PostgreSQL's migrations as Npgsql writes them, but for the two foreign keys from a message's payload and attempts to
/// the message (ADR-020 amendment 2026-12-08): a foreign key is checked row by row, and the check locks the message row
/// (a <c>FOR KEY SHARE</c> per child, with its own WAL record), which took about a quarter of the server's CPU per
/// recorded message (bench/README.md). The store keeps them whole itself: a message, its payload and its first attempt
/// are written in one transaction (<see cref="PostgreSqlMessageWriter"/>), later attempts with their message's update,
/// and the retention purge deletes the attempts and payloads of the messages it deletes, in the same transaction
/// (<c>MessageRetention</c>). SQLite and SQL Server keep the keys: their writers do not pay a per-row trigger for them.
/// </summary>
#pragma warning disable EF1001 // Npgsql's generator takes its singleton options, an internal type, in its constructor.
public sealed class PostgreSqlMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions options)
    : NpgsqlMigrationsSqlGenerator(dependencies, options)
#pragma warning restore EF1001
{
    /// <summary>The children of a message whose foreign key to it is not created.</summary>
    public static readonly IReadOnlySet<string> UnconstrainedChildren = new HashSet<string>(StringComparer.Ordinal) { "MessagePayloads", "MessageAttempts" };

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (UnconstrainedChildren.Contains(operation.Name))
        {
            operation.ForeignKeys.RemoveAll(IsToMessages);
        }

        base.Generate(operation, model, builder, terminate);
    }

    protected override void Generate(AddForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (UnconstrainedChildren.Contains(operation.Table) && IsToMessages(operation))
        {
            return;
        }

        base.Generate(operation, model, builder, terminate);
    }

    protected override void Generate(DropForeignKeyOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (UnconstrainedChildren.Contains(operation.Table) && operation.Name.EndsWith("_Messages_MessageId", StringComparison.Ordinal))
        {
            return; // never created
        }

        base.Generate(operation, model, builder, terminate);
    }

    private static bool IsToMessages(AddForeignKeyOperation foreignKey) => foreignKey.PrincipalTable == "Messages";
}
