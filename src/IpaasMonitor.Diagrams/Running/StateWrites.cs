using IpaasMonitor.Data;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// How the hub's stores (<see cref="Hub.HubStore"/>, <see cref="Hub.WatermarkStore"/>, <see cref="Orders.OrderStore"/>)
/// write state (ADR-027): inside a run, through the run's <see cref="MessageRecorder.Current"/>, in the transaction that
/// writes the messages recorded before the change (and those the change returns), so a kill never leaves a hub state
/// that moved without the messages of its items; outside a run (tests, the web app), in a context of their own.
/// </summary>
public static class StateWrites
{
    /// <summary>Runs <paramref name="write"/> with the current run's messages, or alone outside a run.</summary>
    public static async Task<T> RunAsync<T>(
        IDbContextFactory<IpaasDbContext> dbFactory, Func<IpaasDbContext, CancellationToken, Task<StateChange<T>>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(write);
        if (MessageRecorder.Current is { } recorder)
        {
            return await recorder.CommitAsync(write, cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var outcome = await write(db, cancellationToken);
        if (outcome.Messages.Count > 0)
        {
            throw new InvalidOperationException("A state change that produces messages must run inside a run (MessageRecorder.Use).");
        }

        return outcome.Value;
    }

    /// <summary>A state write that produces no message of its own.</summary>
    public static Task<T> RunAsync<T>(IDbContextFactory<IpaasDbContext> dbFactory, Func<IpaasDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return RunAsync(dbFactory, async (db, ct) => StateChange.Without(await write(db, ct)), cancellationToken);
    }

    /// <summary>A state write with no value.</summary>
    public static Task RunAsync(IDbContextFactory<IpaasDbContext> dbFactory, Func<IpaasDbContext, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return RunAsync(dbFactory, async (db, ct) =>
        {
            await write(db, ct);
            return StateChange.Without(true);
        }, cancellationToken);
    }
}
