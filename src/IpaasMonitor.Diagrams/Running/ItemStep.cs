namespace IpaasMonitor.Diagrams.Running;

/// <summary>
/// One item's step in a run whose message commits with the step's state change (ADR-027, amendment of 2026-12-07): the
/// order diagrams move an order (or clear its feed handle, or note its last error) and the message of that step is written
/// in the same transaction, not buffered after it. A step runs inside <see cref="DiagramContext.RecordStepAsync"/>, which
/// opens the scope; the store's write hands its message to <see cref="Carry"/> from inside the transaction, and the
/// run records the step's result only when no write carried it. Outside a step (a re-queue attempt, whose result updates
/// the re-queued message itself; a test calling the store) nothing is carried and the caller records as before.
/// </summary>
public static class ItemStep
{
    private static readonly AsyncLocal<Scope?> Ambient = new();

    /// <summary>
    /// The messages a state change of the current step writes in its transaction: <paramref name="message"/> when a step
    /// of a run is in progress (and it is then the step's committed message), none otherwise. Call it from inside the
    /// change (a retry of the execution strategy calls it again with the same message).
    /// </summary>
    public static IReadOnlyList<ItemResult> Carry(ItemResult? message)
    {
        if (message is null || Ambient.Value is not { } scope || MessageRecorder.Current is null)
        {
            return [];
        }

        if (scope.Committed is { } earlier && !ReferenceEquals(earlier, message))
        {
            throw new InvalidOperationException($"The step of {earlier.BusinessKey} already committed its message: a step commits one.");
        }

        scope.Committed = message;
        return [message];
    }

    /// <summary>Runs one step in a scope of its own; returns its result and whether a state write already committed it.</summary>
    internal static async Task<(ItemResult? Result, bool Committed)> RunAsync(Func<Task<ItemResult?>> step)
    {
        var previous = Ambient.Value;
        var scope = new Scope();
        Ambient.Value = scope;
        try
        {
            var result = await step();
            return (result, result is not null && ReferenceEquals(scope.Committed, result));
        }
        finally
        {
            Ambient.Value = previous;
        }
    }

    private sealed class Scope
    {
        public ItemResult? Committed { get; set; }
    }
}
