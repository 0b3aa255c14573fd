using System.Globalization;

namespace IpaasMonitor.Data.Monitoring;

/// <summary>
/// A count that stops at a limit. When more rows match than the limit, <see cref="IsLowerBound"/> is true and
/// <see cref="Value"/> is the limit: "more than 10,000", never a wrong exact number.
/// </summary>
public readonly record struct BoundedCount(int Value, bool IsLowerBound)
{
    public static BoundedCount Zero { get; } = new(0, false);

    /// <summary>Builds a count from rows read with <c>Take(limit + 1)</c>.</summary>
    public static BoundedCount FromRowsRead(int rowsRead, int limit) =>
        rowsRead > limit ? new BoundedCount(limit, true) : new BoundedCount(rowsRead, false);

    /// <summary>Adds two counts taken under the same limit.</summary>
    public BoundedCount Add(BoundedCount other, int limit)
    {
        var sum = (long)Value + other.Value;
        return sum > limit || IsLowerBound || other.IsLowerBound
            ? new BoundedCount((int)Math.Min(sum, limit), true)
            : new BoundedCount((int)sum, false);
    }

    public override string ToString() =>
        IsLowerBound ? $"> {Value.ToString(CultureInfo.InvariantCulture)}" : Value.ToString(CultureInfo.InvariantCulture);
}
