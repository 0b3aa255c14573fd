namespace IpaasMonitor.Web.Hosting;

public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Register the recurring jobs and run the Hangfire server in this process.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Register the recurring jobs (diagrams and sweeper). Off in tests that trigger runs themselves.</summary>
    public bool Recurring { get; set; } = true;

    /// <summary>Hangfire workers in this process for the default queue (catalogue diagrams, retention, business-key merge).</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>Hangfire workers in this process for the order diagrams (23–38); 0 = the default workers serve them too.</summary>
    public int OrderWorkerCount { get; set; } = 2;

    /// <summary>
    /// Hangfire workers in this process for the <c>maintenance</c> queue: the re-queue sweeper, the re-queued messages' jobs
    /// (in slices) and the failure groups' refresh, which must not wait behind long diagram runs holding every default
    /// worker (ADR-027 amendment). 0 = the default workers serve that queue too (and it can starve again).
    /// </summary>
    public int MaintenanceWorkerCount { get; set; } = 2;

    /// <summary>Run each connection's implemented diagrams once at start (ERP→Hub before Hub→VTEX), so a new install shows data at once.</summary>
    public bool RunOnStart { get; set; }

    /// <summary>
    /// With Hangfire on PostgreSQL: how often an idle worker looks at the queue when no LISTEN/NOTIFY wake-up came
    /// (an enqueue notifies at once; this bounds the delay of a missed notification or a scheduled job coming due).
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
