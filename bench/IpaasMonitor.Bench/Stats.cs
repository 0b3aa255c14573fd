using System.Diagnostics;

namespace IpaasMonitor.Bench;

/// <summary>Latency samples in milliseconds and their nearest-rank percentiles.</summary>
internal sealed class Samples
{
    private readonly List<double> values = [];

    public int Count => values.Count;

    public void Add(double ms) => values.Add(ms);

    public void Add(TimeSpan elapsed) => values.Add(elapsed.TotalMilliseconds);

    public double Percentile(double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
