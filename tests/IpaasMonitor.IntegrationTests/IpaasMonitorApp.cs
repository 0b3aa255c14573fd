using IpaasMonitor.Testing;

namespace IpaasMonitor.IntegrationTests;

/// <summary>The shared test app (<see cref="IpaasMonitorFactory"/>) with the integration tests' run helper.</summary>
public class IpaasMonitorApp(string? databaseFile = null, bool scheduling = true, IDictionary<string, string?>? extra = null)
    : IpaasMonitorFactory(databaseFile, scheduling, extra)
{
    /// <summary>Runs one diagram, for the first connection unless told otherwise; null when the run was skipped.</summary>
    public Task<Guid?> RunAsync(int diagram, string? connection = null) => RunDiagramAsync(connection ?? FirstConnection, diagram);
}
