using Hangfire;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// The jobs that process re-queued messages (ADR-027): one <see cref="DiagramRunner.ProcessRequeuedAsync"/> per
/// (connection, diagram), which works through all of that diagram's re-queued messages under one hold of its lease; a
/// whole-run summary (the Count message) keeps a job of its own, since re-queueing it runs the diagram.
/// </summary>
public static class RequeueJobs
{
    /// <summary>Enqueues the jobs for these re-queued messages; returns how many jobs.</summary>
    /// <param name="requestedBy">Who asked, for the Count messages' jobs (item messages carry it themselves).</param>
    public static int Enqueue(IBackgroundJobClient jobs, IEnumerable<RequeuedMessage> messages, string requestedBy = Triggers.Requeue)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(messages);
        var enqueued = 0;
        var diagrams = new HashSet<(string ConnectionId, int Diagram)>();
        foreach (var message in messages)
        {
            if (message.Component == DiagramRunner.CountComponent && message.BusinessKey == DiagramRunner.RunKey)
            {
                // It runs the whole diagram: on the diagram's queue, not on the maintenance workers.
                var id = message.MessageId;
                jobs.Enqueue<DiagramRunner>(JobQueues.Of(message.Diagram), r => r.ProcessMessageAsync(id, requestedBy, CancellationToken.None));
                enqueued++;
            }
            else
            {
                diagrams.Add((message.ConnectionId, message.Diagram));
            }
        }

        // On the maintenance queue (the method's [Queue]): short slices that never wait for the lease (ADR-027 amendment).
        foreach (var (connectionId, diagram) in diagrams)
        {
            jobs.Enqueue<DiagramRunner>(r => r.ProcessRequeuedAsync(connectionId, diagram, CancellationToken.None));
            enqueued++;
        }

        return enqueued;
    }
}

/// <summary>What <see cref="RequeueJobs"/> needs to know of a re-queued message.</summary>
public sealed record RequeuedMessage(Guid MessageId, string ConnectionId, int Diagram, string Component, string? BusinessKey);
