namespace IpaasMonitor.Diagrams.Catalog;

/// <summary>One row of the diagram catalogue (DIAGRAMS.md). Numbers and names never change: they are persisted.</summary>
/// <param name="Number">01–39, as the seed numbers them.</param>
/// <param name="Name">Code name shown in the grid (<c>NN - Name - connection</c>).</param>
/// <param name="SeedTitle">The seed's pt-BR title.</param>
/// <param name="Section">The seed's chapter (4.1 … 5.8), used to group diagrams in the UI.</param>
/// <param name="Source">Where the data comes from.</param>
/// <param name="Target">Where it goes.</param>
/// <param name="Cron">Default schedule (cron, America/Sao_Paulo).</param>
public sealed record DiagramDefinition(
    int Number,
    string Name,
    string SeedTitle,
    string Section,
    SystemSide Source,
    SystemSide Target,
    string Cron)
{
    /// <summary>Hangfire queue of the order diagrams (23–38), served by workers of their own.</summary>
    public const string OrdersQueue = "orders";

    /// <summary>Hangfire's default queue: catalogue diagrams, the sweeper, retention, re-queued messages.</summary>
    public const string DefaultQueue = "default";

    /// <summary>
    /// The queue this diagram's scheduled runs go to. Orders have their own workers so a long catalogue pass (a first
    /// load of thousands of SKUs at VTEX's pricing rate takes minutes) never holds every worker while orders wait.
    /// </summary>
    public string Queue => Section.StartsWith('5') ? OrdersQueue : DefaultQueue;

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
