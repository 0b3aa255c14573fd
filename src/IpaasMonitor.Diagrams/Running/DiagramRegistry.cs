using IpaasMonitor.Diagrams.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The instance that runs each catalogue row (registered by <c>AddDiagrams</c>, one per row, keyed by its number).
/// Building the registry builds every row's instance, so a row whose class cannot be built fails the start-up.
/// </summary>
public sealed class DiagramRegistry
{
    private readonly Dictionary<int, IDiagram> byNumber = [];

    public DiagramRegistry(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var row in DiagramCatalog.All)
        {
            var diagram = services.GetRequiredKeyedService<IDiagram>(row.Number);
            if (diagram.GetType() != row.Implementation)
            {
                throw new InvalidOperationException($"Diagram {row.Number:00} is registered as {diagram.GetType().Name}, but its row names {row.Implementation.Name}.");
            }

            byNumber.Add(row.Number, diagram);
        }
    }

    public IDiagram Get(int number) =>
        byNumber.TryGetValue(number, out var diagram)
            ? diagram
            : throw new ArgumentOutOfRangeException(nameof(number), number, "No such diagram.");
}
