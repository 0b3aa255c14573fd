using Hangfire;
using IpaasMonitor.Data;
using IpaasMonitor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Work handed to Hangfire that must not die with the process when Hangfire keeps its jobs in memory (the embedded
/// SQLite default, ADR-002, ADR-027): chained runs (the catalogue chain, the order stages), delayed runs (the catalogue's
/// retry of a VTEX half, a chained run that found its diagram busy) and the retention purge. Each is first a row of
/// <see cref="PendingJob"/> in the message store, then a job that names the row; the job deletes the row once it has
/// done its work, so a kill at any point leaves the row, and <see cref="ReplayAsync"/> enqueues it again at start (a
/// delayed run at its due time). With a durable Hangfire storage (PostgreSQL, SQL Server) Hangfire keeps the jobs
/// itself and nothing is recorded (<see cref="PendingJobsOptions.Record"/>).
/// </summary>
public sealed class PendingJobs(
    IDbContextFactory<IpaasDbContext> dbFactory,
    IBackgroundJobClient jobs,
    TimeProvider time,
    PendingJobsOptions options,
    IServiceProvider services,
    ILogger<PendingJobs> logger)
{
    /// <summary>Enqueues a run of a diagram now.</summary>
    public Task EnqueueRunAsync(string connectionId, int diagram, string triggeredBy, CancellationToken cancellationToken) =>
        ScheduleRunAsync(connectionId, diagram, triggeredBy, TimeSpan.Zero, cancellationToken);

    /// <summary>Enqueues a run of a diagram after <paramref name="delay"/>.</summary>
    public async Task ScheduleRunAsync(string connectionId, int diagram, string triggeredBy, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (!options.Record)
        {
            if (delay > TimeSpan.Zero)
            {
                jobs.Schedule<DiagramRunner>(JobQueues.Of(diagram), r => r.RunAsync(connectionId, diagram, triggeredBy, CancellationToken.None), delay);
            }
            else
            {
                jobs.Enqueue<DiagramRunner>(JobQueues.Of(diagram), r => r.RunAsync(connectionId, diagram, triggeredBy, CancellationToken.None));
            }

            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var job = new PendingJob
        {
            Kind = PendingJob.RunKind,
            ConnectionId = connectionId,
            Diagram = diagram,
            TriggeredBy = triggeredBy,
            CreatedAtUtc = now,
            DueAtUtc = now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.PendingJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
        }

        Submit(job, now);
    }

    /// <summary>The job of a recorded run: runs it, then forgets the row (a run skipped because its diagram was busy included).</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Execução pendente {0}")]
    public async Task RunAsync(long pendingJobId, CancellationToken cancellationToken)
    {
        PendingJob? job;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            job = await db.PendingJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == pendingJobId, cancellationToken);
        }

        if (job is not { Kind: PendingJob.RunKind, ConnectionId: { } connectionId, Diagram: { } diagram })
        {
            return; // done already (a job enqueued twice), or not a run
        }

        await services.GetRequiredService<DiagramRunner>().RunAsync(connectionId, diagram, job.TriggeredBy ?? Triggers.Scheduler, cancellationToken);
        await ForgetAsync(pendingJobId, CancellationToken.None);
    }

    /// <summary>Notes that a retention purge has begun (kept until <see cref="EndRetentionAsync"/>).</summary>
    public async Task BeginRetentionAsync(CancellationToken cancellationToken)
    {
        if (!options.Record)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.PendingJobs.AnyAsync(j => j.Kind == PendingJob.RetentionKind, cancellationToken))
        {
            return; // a purge interrupted earlier: this one finishes its work
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.PendingJobs.Add(new PendingJob { Kind = PendingJob.RetentionKind, CreatedAtUtc = now, DueAtUtc = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Notes that the retention purge has deleted everything it had to.</summary>
    public async Task EndRetentionAsync(CancellationToken cancellationToken)
    {
        if (!options.Record)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.PendingJobs.Where(j => j.Kind == PendingJob.RetentionKind).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// At start, before the workers run: enqueues again every job a previous process recorded and did not finish (a
    /// delayed run at its due time; an interrupted purge at once). Returns how many.
    /// </summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        if (!options.Record)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var left = await db.PendingJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var purge = false;
        foreach (var job in left)
        {
            if (job.Kind == PendingJob.RetentionKind)
            {
                purge = true;
            }
            else
            {
                Submit(job, now);
            }
        }

        if (purge)
        {
            jobs.Enqueue<MessageRetention>(r => r.PurgeAsync(CancellationToken.None));
        }

        if (left.Count > 0)
        {
            logger.LogInformation("Pending work left by the previous process enqueued again: {Runs} run(s), retention purge: {Purge}", left.Count - (purge ? 1 : 0), purge);
        }

        return left.Count;
    }

    // On the diagram's queue: a chained order stage runs on the orders' workers, not behind a long catalogue run.
    private void Submit(PendingJob job, DateTime now)
    {
        var id = job.Id;
        var delay = job.DueAtUtc - now;
        var queue = JobQueues.Of(job.Diagram ?? 0);
        if (delay > TimeSpan.Zero)
        {
            jobs.Schedule<PendingJobs>(queue, p => p.RunAsync(id, CancellationToken.None), delay);
        }
        else
        {
            jobs.Enqueue<PendingJobs>(queue, p => p.RunAsync(id, CancellationToken.None));
        }
    }

    private async Task ForgetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.PendingJobs.Where(j => j.Id == id).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Whether <see cref="PendingJobs"/> records work in the store (only where Hangfire's storage is in memory).</summary>
public sealed class PendingJobsOptions
{
    public bool Record { get; set; }
}
