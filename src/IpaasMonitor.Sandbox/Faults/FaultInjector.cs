namespace IpaasMonitor.Sandbox.Faults;

/// <summary>What the request pipeline must do with one request.</summary>
internal readonly record struct FaultDecision(int DelayMs, int? Status, int RetryAfterSeconds, bool LoseResponse)
{
    public static readonly FaultDecision None = new(0, null, 0, false);
}

/// <summary>
/// Runtime-configurable fault rules with a seeded random source, so a run with the same seed and the
/// same request order injects the same faults.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<RuleSlot> rules = [];
    private readonly int seed;
    private Random random;
    private long injected;

    internal FaultInjector(int seed, IEnumerable<FaultRule> initial)
    {
        this.seed = seed;
        random = new Random(seed);
        foreach (var rule in initial)
        {
            Set(rule);
        }
    }

    /// <summary>Number of faults injected since start or the last <see cref="SandboxState.ResetCounters"/>.</summary>
    public long Injected => Interlocked.Read(ref injected);

    /// <summary>The active rules (FailNext shows what is left).</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (gate)
            {
                return [.. rules.Select(s => s.Rule with { FailNext = s.FailNextLeft })];
            }
        }
    }

    /// <summary>Adds a rule, or replaces the rule with the same route pattern and scope.</summary>
    public void Set(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Validate(rule);
        lock (gate)
        {
            rules.RemoveAll(s => SameTarget(s.Rule, rule));
            rules.Add(new RuleSlot(rule, Normalize(rule.Route)));
        }
    }

    /// <summary>Removes the rule with this route pattern and scope; true when one existed.</summary>
    public bool Remove(string route, string? scope = null)
    {
        lock (gate)
        {
            return rules.RemoveAll(s => SameTarget(s.Rule, new FaultRule { Route = route, Scope = scope })) > 0;
        }
    }

    /// <summary>Removes every rule (no faults at all).</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>Restarts the random sequence from the seed (or a new one).</summary>
    public void Reseed(int? seed = null)
    {
        lock (gate)
        {
            random = new Random(seed ?? this.seed);
        }
    }

    internal void ResetCounter() => Interlocked.Exchange(ref injected, 0);

    internal FaultDecision Decide(string fullKey, string shortKey, string scope)
    {
        lock (gate)
        {
            RuleSlot? best = null;
            foreach (var slot in rules)
            {
                if (slot.Rule.Scope is not null && !string.Equals(slot.Rule.Scope, scope, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!Glob.IsMatch(slot.Pattern, fullKey) && !Glob.IsMatch(slot.Pattern, shortKey))
                {
                    continue;
                }

                if (best is null || slot.Specificity > best.Specificity)
                {
                    best = slot;
                }
            }

            if (best is null)
            {
                return FaultDecision.None;
            }

            var rule = best.Rule;
            if (best.FailNextLeft > 0)
            {
                best.FailNextLeft--;
                Interlocked.Increment(ref injected);
                return new FaultDecision(rule.LatencyMs, rule.FailNextStatus, rule.RetryAfterSeconds, false);
            }

            // One die per request keeps the sequence stable whatever the rates are.
            var roll = random.NextDouble();
            int? status = null;
            var lose = false;
            if (roll < rule.ErrorRate)
            {
                status = 503;
            }
            else if (roll < rule.ErrorRate + rule.ThrottleRate)
            {
                status = 429;
            }
            else if (roll < rule.ErrorRate + rule.ThrottleRate + rule.LostResponseRate)
            {
                lose = true;
            }

            if (status is not null || lose)
            {
                Interlocked.Increment(ref injected);
            }

            return new FaultDecision(rule.LatencyMs, status, rule.RetryAfterSeconds, lose);
        }
    }

    private static bool SameTarget(FaultRule a, FaultRule b) =>
        string.Equals(Normalize(a.Route), Normalize(b.Route), StringComparison.Ordinal)
        && string.Equals(a.Scope, b.Scope, StringComparison.Ordinal);

    private static void Validate(FaultRule rule)
    {
        static void Rate(double value, string name)
        {
            if (double.IsNaN(value) || value < 0 || value > 1)
            {
                throw new ArgumentOutOfRangeException(name, value, "A rate must be between 0 and 1.");
            }
        }

        Rate(rule.ErrorRate, nameof(rule.ErrorRate));
        Rate(rule.ThrottleRate, nameof(rule.ThrottleRate));
        Rate(rule.LostResponseRate, nameof(rule.LostResponseRate));
        if (rule.ErrorRate + rule.ThrottleRate + rule.LostResponseRate > 1.0000001)
        {
            throw new ArgumentException("ErrorRate + ThrottleRate + LostResponseRate must not exceed 1.", nameof(rule));
        }

        if (rule.LatencyMs < 0 || rule.FailNext < 0 || rule.RetryAfterSeconds < 0)
        {
            throw new ArgumentException("LatencyMs, FailNext and RetryAfterSeconds must not be negative.", nameof(rule));
        }

        if (rule.FailNextStatus is < 100 or > 599)
        {
            throw new ArgumentException("FailNextStatus must be an HTTP status code.", nameof(rule));
        }

        if (string.IsNullOrWhiteSpace(rule.Route))
        {
            throw new ArgumentException("Route must not be empty.", nameof(rule));
        }
    }

    /// <summary>"erp:brands/search" (no method) becomes "erp:* brands/search".</summary>
    internal static string Normalize(string route)
    {
        var trimmed = route.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return trimmed;
        }

        var rest = trimmed[(colon + 1)..];
        return rest.Contains(' ', StringComparison.Ordinal) || rest == "*"
            ? trimmed
            : string.Concat(trimmed.AsSpan(0, colon + 1), "* ", rest);
    }

    private sealed class RuleSlot(FaultRule rule, string pattern)
    {
        public FaultRule Rule { get; } = rule;

        public string Pattern { get; } = pattern;

        public int FailNextLeft { get; set; } = rule.FailNext;

        /// <summary>Scoped beats unscoped; then fewer wildcards; then a longer pattern.</summary>
        public long Specificity { get; } =
            (rule.Scope is null ? 0 : 1_000_000L) - (pattern.Count(c => c == '*') * 10_000L) + pattern.Length;
    }
}

/// <summary>Case-insensitive glob with <c>*</c> only.</summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
