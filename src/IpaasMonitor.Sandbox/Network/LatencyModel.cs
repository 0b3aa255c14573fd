using IpaasMonitor.Sandbox.Faults;

namespace IpaasMonitor.Sandbox.Network;

/// <summary>
/// Draws one delay per request from the lognormal of the most specific matching <see cref="LatencyRule"/> (most literal characters):
/// <c>exp(μ + σz)</c> with <c>μ = ln(p50)</c> and <c>σ = ln(p99 / p50) / 2.3263</c> (z's 99th percentile), so the
/// median and the 99th percentile are the configured ones. Seeded: same seed, same sequence of draws.
/// </summary>
public sealed class LatencyModel
{
    /// <summary>The standard normal's 99th percentile.</summary>
    private const double Z99 = 2.326347874;

    private readonly Lock gate = new();
    private readonly Random random;
    private readonly (string Pattern, double Mu, double Sigma, long Specificity)[] rules;
    private readonly int maxMs;

    public LatencyModel(SandboxLatencyOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Enabled = options.Enabled;
        maxMs = Math.Max(0, options.MaxMs);
        random = new Random(seed ^ 0x5A17);
        rules = [.. options.ResolvedRoutes().Select(r =>
        {
            if (r.P50Ms <= 0 || r.P99Ms < r.P50Ms)
            {
                throw new ArgumentException($"Latency rule '{r.Route}': P50Ms must be positive and P99Ms at least P50Ms.", nameof(options));
            }

            var pattern = FaultInjector.Normalize(r.Route);
            return (pattern, Math.Log(r.P50Ms), Math.Log(r.P99Ms / r.P50Ms) / Z99, (long)pattern.Count(c => c != '*'));
        })];
    }

    /// <summary>Whether requests are delayed at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>The delay of one request on the route (zero when off or when no rule matches).</summary>
    public TimeSpan Next(string fullKey, string shortKey)
    {
        if (!Enabled)
        {
            return TimeSpan.Zero;
        }

        var best = -1;
        for (var i = 0; i < rules.Length; i++)
        {
            if ((Glob.IsMatch(rules[i].Pattern, fullKey) || Glob.IsMatch(rules[i].Pattern, shortKey))
                && (best < 0 || rules[i].Specificity > rules[best].Specificity))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return TimeSpan.Zero;
        }

        double z;
        lock (gate)
        {
            z = Normal(random);
        }

        var ms = Math.Exp(rules[best].Mu + (rules[best].Sigma * z));
        return TimeSpan.FromMilliseconds(Math.Min(ms, maxMs));
    }

    /// <summary>A draw of the standard normal (Box–Muller).</summary>
    internal static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
