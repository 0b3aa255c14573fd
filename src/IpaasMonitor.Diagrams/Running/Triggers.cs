namespace IpaasMonitor.Diagrams.Running;

/// <summary>Who started a run or attempt, as recorded on runs and attempts.</summary>
public static class Triggers
{
    public const string Scheduler = "scheduler";
    public const string Requeue = "requeue";
    public const string Startup = "startup";
}
