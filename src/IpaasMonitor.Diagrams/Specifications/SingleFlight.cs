using System.Collections.Concurrent;

namespace IpaasMonitor.Diagrams.Specifications;

/// <summary>
/// Computes a value once per key even when parallel sends ask for it at the same time (the others await the same task);
/// a failed computation is forgotten, so the next caller tries again.
/// </summary>
public sealed class SingleFlight<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> entries;

    public SingleFlight(IEqualityComparer<TKey>? comparer = null) => entries = new(comparer ?? EqualityComparer<TKey>.Default);

    public async Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var lazy = entries.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => compute(k)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, lazy));
            throw;
        }
    }

    /// <summary>Forgets the value of a key, so the next caller computes it again (e.g. a list that a failed write may have changed).</summary>
    public void Forget(TKey key) => entries.TryRemove(key, out _);

    /// <summary>Sets a value known without computing it (e.g. read in bulk).</summary>
    public void Set(TKey key, TValue value) => entries[key] = new Lazy<Task<TValue>>(Task.FromResult(value));
}
