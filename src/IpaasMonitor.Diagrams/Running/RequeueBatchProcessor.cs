using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// Works through the bulk re-queues (<see cref="RequeueBatches.StepAsync"/>) for as long as the app runs: a step, a
/// pause, the next step. A batch lives in the message store, so after a restart this service simply carries on with
/// it (the messages it had re-queued are enqueued again by the sweeper at start, in the operator's name).
/// </summary>
public sealed class RequeueBatchProcessor(
    RequeueBatches batches,
    IOptionsMonitor<RequeueOptions> options,
    TimeProvider time,
    ILogger<RequeueBatchProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            TimeSpan wait;
            try
            {
                wait = await batches.StepAsync(stoppingToken) ? settings.Pause : settings.IdlePoll;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed step (the database busy or briefly unreachable) is tried again: the batch's state is in the store.
                logger.LogError(ex, "Bulk re-queue step failed; trying again");
                wait = settings.IdlePoll;
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
