namespace IpaasMonitor.Data.Entities;

/// <summary>One execution of a diagram for a connection.</summary>
public sealed class DiagramRun
{
    public Guid Id { get; set; }

    public string ConnectionId { get; set; } = "";

    public int Diagram { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    /// <summary>Running, Completed, Failed or Skipped.</summary>
    public string Status { get; set; } = "Running";

    public int Read { get; set; }

    public int Changed { get; set; }

    public int Sent { get; set; }

    public int Failed { get; set; }

    /// <summary>Records left waiting for their parent (with or without a new grid message: ADR-010).</summary>
    public int Waiting { get; set; }

    public string? Error { get; set; }

    public string TriggeredBy { get; set; } = "scheduler";
}
