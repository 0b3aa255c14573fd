namespace IpaasMonitor.Diagrams.Running;

/// <summary>This process as one node among those sharing the store, and how fast a dead one is found (section "Nodes"; ADR-026).</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Nodes";

    /// <summary>This node's name (<c>Nodes:Name</c>); empty = machine name, process id and a short random suffix.</summary>
    public string? Name { get; set; }

    /// <summary>How long a lease lasts unless its run renews it (<c>Nodes:LeaseDuration</c>).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running run renews its lease (<c>Nodes:LeaseRenewal</c>); well under <see cref="LeaseDuration"/>.</summary>
    public TimeSpan LeaseRenewal { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often this node writes its heartbeat and looks for dead nodes (<c>Nodes:HeartbeatInterval</c>).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A node whose heartbeat is older than this is dead (<c>Nodes:NodeTimeout</c>).</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// This node is the only one on the store (<c>Nodes:Exclusive</c>; default: true with the embedded SQLite, false
    /// otherwise): at start every lease held by another node, and every run still Running, belongs to a dead predecessor.
    /// </summary>
    public bool Exclusive { get; set; }

    /// <summary>How long the first pass waits before trying again a diagram whose lease is held (<c>Nodes:StartupRetryDelay</c>).</summary>
    public TimeSpan StartupRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
