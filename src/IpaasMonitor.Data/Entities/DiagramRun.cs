namespace IpaasMonitor.Data.Entities;

/// <summary>One execution of a diagram for a connection.</summary>
public sealed class DiagramRun
{
    /// <summary>Longest <see cref="Status"/> stored (the longest <see cref="RunStatus"/> name, with room to spare).</summary>
    public const int StatusMaxLength = 16;

    /// <summary>Longest <see cref="Error"/> stored.</summary>
    public const int ErrorMaxLength = 2000;

    public Guid Id { get; set; }

    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    public RunStatus Status { get; set; } = RunStatus.Running;

    public int Read { get; set; }

    public int Changed { get; set; }

    public int Sent { get; set; }

    public int Failed { get; set; }

    /// <summary>Records left waiting for their parent (with or without a new grid message: ADR-010).</summary>
    public int Waiting { get; set; }

    public string? Error { get; set; }

    public string TriggeredBy { get; set; } = "scheduler";

    /// <summary>The node that ran it (<see cref="NodeHeartbeat.Name"/>); null for runs recorded before nodes had names.</summary>
    public string? Node { get; set; }
}
