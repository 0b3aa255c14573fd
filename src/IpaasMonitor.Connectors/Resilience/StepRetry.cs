namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// Runs an item step again after a transient failure, inside the run, with the back-off of
/// <see cref="StepRetryOptions"/> (ADR-018). Only for a step that is safe to repeat as a whole: it looks up before it
/// writes, so a write whose answer was lost is found by the next try's look-up instead of being written twice. The
/// HTTP pipeline never repeats such a write (a POST) on its own; this is the level that knows it may.
/// </summary>
public static class StepRetry
{
    /// <summary>
    /// Returns <paramref name="first"/>'s outcome, or, while an outcome carries a transient failure
    /// (<paramref name="failureOf"/>) that <paramref name="options"/> allows to retry, waits and runs the outcome's own
    /// repeat (<paramref name="repeatOf"/>: the part that failed, e.g. only the price after the SKU was written) or, when
    /// it has none, the whole step again.
    /// </summary>
    /// <param name="onRetry">Told before each wait: retry number, delay, the failure being retried.</param>
    public static async Task<TOutcome> RunAsync<TOutcome>(
        Func<CancellationToken, Task<TOutcome>> first,
        Func<TOutcome, ConnectorException?> failureOf,
        Func<TOutcome, Func<CancellationToken, Task<TOutcome>>?> repeatOf,
        StepRetryOptions options,
        TimeProvider time,
        Action<int, TimeSpan, ConnectorException>? onRetry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(failureOf);
        ArgumentNullException.ThrowIfNull(repeatOf);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var outcome = await first(cancellationToken);
        var retry = 0;
        while (failureOf(outcome) is { } failure && options.DelayBefore(++retry, failure) is { } delay)
        {
            onRetry?.Invoke(retry, delay, failure);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken);
            }

            outcome = await (repeatOf(outcome) ?? first)(cancellationToken);
        }

        return outcome;
    }
}
