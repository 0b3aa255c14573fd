namespace IpaasMonitor.Diagrams.Hub;

/// <summary>
/// Finds records of one kind whose chain of parents leads back to themselves (10 → 20 → 10). Such records would wait
/// for each other forever on the VTEX side, so the ERP read refuses them, each with the cycle named (ADR-016).
/// </summary>
public static class ParentCycles
{
    /// <summary>The cycle through <paramref name="key"/>, starting and ending with it (e.g. [10, 20, 10]); null when its chain ends.</summary>
    /// <param name="key">The record to start from.</param>
    /// <param name="parentOf">A record's parent key (null or empty for a root; unknown records count as roots).</param>
    public static IReadOnlyList<string>? Through(string key, Func<string, string?> parentOf)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parentOf);
        var chain = new List<string> { key };
        var visited = new HashSet<string>(StringComparer.Ordinal) { key };
        var current = parentOf(key);
        while (!string.IsNullOrEmpty(current))
        {
            chain.Add(current);
            if (string.Equals(current, key, StringComparison.Ordinal))
            {
                return chain;
            }

            if (!visited.Add(current))
            {
                return null; // a cycle above this record, not through it: its own members are refused
            }

            current = parentOf(current);
        }

        return null;
    }
}
