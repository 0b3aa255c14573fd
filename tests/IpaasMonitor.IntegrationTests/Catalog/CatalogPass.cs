using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;
using IpaasMonitor.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Catalog;

/// <summary>Runs the catalogue diagrams as the demo start-up does (every ERP → Hub, then every Hub → VTEX) and reads what they wrote.</summary>
public static class CatalogPass
{
    public static readonly int[] ErpToHub = [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21];
    public static readonly int[] HubToVtex = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22];

    public static async Task<IReadOnlyList<Guid>> RunAsync(IpaasMonitorApp app, params int[] diagrams)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runs = new List<Guid>();
        foreach (var diagram in diagrams.Length > 0 ? diagrams : [.. ErpToHub, .. HubToVtex])
        {
            var run = await app.RunAsync(diagram);
            run.Should().NotBeNull($"diagram {diagram} should run");
            runs.Add(run!.Value);
        }

        return runs;
    }

    public static Task<List<IntegrationMessage>> MessagesAsync(IpaasMonitorApp app, IReadOnlyCollection<Guid> runs)
    {
        ArgumentNullException.ThrowIfNull(app);
        var ids = runs.Select(r => (Guid?)r).ToList();
        return app.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Payload).Where(m => ids.Contains(m.RunId)).ToListAsync());
    }

    public static bool IsItem(IntegrationMessage message) => message.Component != DiagramRunner.CountComponent;

    /// <summary>Every VTEX request the sandbox journal holds, checked against VTEX's OpenAPI files.</summary>
    public static IReadOnlyList<string> ContractViolations(IpaasMonitorApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return
        [
            .. app.Sandbox.State.Journal.Snapshot().SelectMany(e =>
                VtexOpenApiContract.Shared.Validate(e.Method, e.Path + e.Query, e.Body).Select(v => $"{e.Method} {e.Path}: {v}")),
        ];
    }
}
