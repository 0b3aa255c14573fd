using IpaasMonitor.Diagrams.Hub;

namespace IpaasMonitor.Diagrams.Tests.Hub;

public sealed class ParentCyclesTests
{
    private static readonly Dictionary<string, string?> Parents = new(StringComparer.Ordinal)
    {
        ["10"] = "20",
        ["20"] = "10",
        ["30"] = "50",
        ["40"] = "30",
        ["50"] = "40",
        ["60"] = "10",
        ["1"] = null,
        ["101"] = "1",
        ["102"] = "999",
    };

    [Theory]
    [InlineData("10", "10 → 20 → 10")]
    [InlineData("20", "20 → 10 → 20")]
    [InlineData("30", "30 → 50 → 40 → 30")]
    [InlineData("40", "40 → 30 → 50 → 40")]
    public void ARecordOnACycle_GetsTheCycleFromItself(string key, string cycle) =>
        string.Join(" → ", ParentCycles.Through(key, k => Parents.GetValueOrDefault(k))!).Should().Be(cycle);

    [Theory]
    [InlineData("60")]
    [InlineData("1")]
    [InlineData("101")]
    [InlineData("102")]
    public void ARecordBelowACycle_AtTheTop_OrUnderAnUnknownParent_IsNotOnACycle(string key) =>
        ParentCycles.Through(key, k => Parents.GetValueOrDefault(k)).Should().BeNull();
}
