using IpaasMonitor.Data;
using IpaasMonitor.Testing;

namespace IpaasMonitor.IntegrationTests;

/// <summary>The shared test app (<see cref="IpaasMonitorFactory"/>) with the integration tests' run helper.</summary>
/// <param name="databaseFile">SQLite: the file; PostgreSQL: the database's connection string; null: a new store of the app's own.</param>
public class IpaasMonitorApp(string? databaseFile = null, bool scheduling = true, IDictionary<string, string?>? extra = null,
    DatabaseProvider provider = DatabaseProvider.Sqlite)
    : IpaasMonitorFactory(provider, databaseFile, scheduling, extra)
{
    /// <summary>Runs one diagram, for the first connection unless told otherwise; null when the run was skipped.</summary>
    public Task<Guid?> RunAsync(int diagram, string? connection = null) => RunDiagramAsync(connection ?? FirstConnection, diagram);
}
