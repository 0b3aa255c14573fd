using IpaasMonitor.Diagrams.Templates;

namespace IpaasMonitor.Diagrams.Tests.Templates;

public sealed class HubToVtexTests
{
    [Theory]
    [InlineData(1, 200)] // categories: one at a time, pages as before
    [InlineData(8, 200)] // the fixed baseline
    [InlineData(64, 1024)] // the adaptive ceiling: 16 rounds of sends per page, so a page's slowest sends cost little
    [InlineData(128, 2048)]
    public void APageHoldsManyRoundsOfSends(int parallelism, int pageSize) =>
        HubToVtex.PageSizeFor(parallelism).Should().Be(pageSize);
}
