using IpaasMonitor.Diagrams.Orders;
using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Catalog;

/// <summary>
/// One row of the diagram catalogue (docs/diagrams.md): everything the engine, the scheduler and the UI know about one
/// diagram. Numbers and names never change: they are persisted.
/// </summary>
/// <param name="Number">01–39, as the seed numbers them.</param>
/// <param name="Name">Code name shown in the grid (<c>NN - Name - connection</c>).</param>
/// <param name="SeedTitle">The seed's pt-BR title.</param>
/// <param name="Section">The seed's chapter (4.1 … 5.8), used to group diagrams in the UI.</param>
/// <param name="Source">Where the data comes from.</param>
/// <param name="Target">Where it goes.</param>
/// <param name="Cron">Default schedule (cron, America/Sao_Paulo).</param>
/// <param name="Implementation">The <c>IDiagram</c> class that runs the row (one instance per row; a class may serve several rows).</param>
public sealed record DiagramDefinition(
    int Number,
    string Name,
    string SeedTitle,
    string Section,
    SystemSide Source,
    SystemSide Target,
    string Cron,
    Type Implementation)
{
    /// <summary>Hangfire queue of the order diagrams (23–38), served by workers of their own.</summary>
    public const string OrdersQueue = "orders";

    /// <summary>Hangfire's default queue: catalogue diagrams, the sweeper, retention, re-queued messages.</summary>
    public const string DefaultQueue = "default";

    /// <summary>The business area the overview groups this row in (catalogue, stock, prices, orders, invoices, cancellations).</summary>
    public DiagramArea Area { get; init; }

    /// <summary>Which branches of the connection the row serves (main and branch rows of one class differ only by this).</summary>
    public DiagramVariant Variant { get; init; }

    /// <summary>
    /// The queue this diagram's scheduled runs go to. Orders have their own workers so a long catalogue pass (a first
    /// load of thousands of SKUs at VTEX's pricing rate takes minutes) never holds every worker while orders wait.
    /// </summary>
    public string Queue { get; init; } = DefaultQueue;

    /// <summary>
    /// The hub records the pair keeps (catalogue pairs 01–22): what the hub → VTEX half sends, and what a record that
    /// waits for a parent of this kind is told to look at. An ERP → hub half may keep more (09 also keeps the main price).
    /// </summary>
    public string? HubKind { get; init; }

    /// <summary><see cref="HubKind"/>, for code that only runs for rows that have one.</summary>
    public string RequiredHubKind => HubKind ?? throw new InvalidOperationException($"Diagram {Number:00} has no hub kind in the catalogue.");

    /// <summary>The diagrams a scheduled run hands work to when it moved something forward (the order chain).</summary>
    public IReadOnlyList<int> Next { get; init; } = [];

    /// <summary>The step of an order's journey this row stands for in the order trace; null for a catalogue row.</summary>
    public OrderStep? Step { get; init; }

    /// <summary>Where the row stands in the first run a process may start.</summary>
    public StartupRun Startup { get; init; }

    /// <summary>
    /// 1, 2, … when diagram 39 re-sends through this row, in that order: first every ERP → hub row re-reads the last
    /// 24 hours, then every hub → VTEX row sends them again; null when 39 leaves the row alone.
    /// </summary>
    public int? ResendOrder { get; init; }

    /// <summary>Stable id used for Hangfire recurring jobs, e.g. <c>D02-Brand-HubToVtex</c>.</summary>
    public string Id => $"D{Number:00}-{Name}";

    /// <summary>The grid's INTEGRAÇÃO label, e.g. <c>02 - Brand-HubToVtex - loja-a</c>.</summary>
    public string Label(string connectionId) => $"{Number:00} - {Name} - {connectionId}";

    public string Direction => $"{Source} → {Target}";
}

public enum SystemSide
{
    Erp,
    Hub,
    Vtex,
}
