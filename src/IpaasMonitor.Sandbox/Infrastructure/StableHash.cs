namespace IpaasMonitor.Sandbox.Infrastructure;

/// <summary>Process-independent hashing (string.GetHashCode is randomised per process) for deterministic seeds.</summary>
internal static class StableHash
{
    public static int Seed(int seed, string text, long salt = 0)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash ^= c;
                hash *= 16777619u;
            }

            var mixed = ((ulong)hash << 32) ^ (uint)seed ^ (ulong)salt * 0x9E3779B97F4A7C15ul;
            mixed ^= mixed >> 33;
            mixed *= 0xff51afd7ed558ccdul;
            mixed ^= mixed >> 33;
            return (int)(mixed & 0x7fffffff);
        }
    }
}
