using System.ComponentModel.DataAnnotations;

namespace IpaasMonitor.Data;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Sqlite (embedded default), SqlServer or PostgreSql.</summary>
    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string. For SQLite, defaults to a file in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations at start. Defaults to true for SQLite; set it for SQL Server and PostgreSQL deployments that allow it.</summary>
    public bool? MigrateOnStart { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
