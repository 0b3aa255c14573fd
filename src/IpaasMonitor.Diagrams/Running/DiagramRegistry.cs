using IpaasMonitor.Diagrams.Catalog;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>Which catalogue rows have code behind them. The others are listed and shown as not implemented.</summary>
public sealed class DiagramRegistry
{
    private readonly Dictionary<int, IDiagram> byNumber = [];

    public DiagramRegistry(IEnumerable<IDiagram> diagrams)
    {
        ArgumentNullException.ThrowIfNull(diagrams);
        foreach (var diagram in diagrams)
        {
            foreach (var number in diagram.Numbers)
            {
                if (!DiagramCatalog.TryGet(number, out _))
                {
                    throw new InvalidOperationException($"{diagram.GetType().Name} claims diagram {number}, which is not in the catalogue.");
                }

                if (!byNumber.TryAdd(number, diagram))
                {
                    throw new InvalidOperationException($"Diagram {number} is implemented twice ({byNumber[number].GetType().Name}, {diagram.GetType().Name}).");
                }
            }
        }
    }

    public bool IsImplemented(int number) => byNumber.ContainsKey(number);

    public IEnumerable<DiagramDefinition> Implemented => DiagramCatalog.All.Where(d => byNumber.ContainsKey(d.Number));

    public IDiagram Get(int number) =>
        byNumber.TryGetValue(number, out var diagram)
            ? diagram
            : throw new InvalidOperationException($"Diagram {number:00} is not implemented yet.");
}
