using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Web.Monitoring;

namespace IpaasMonitor.Web.Tests.Monitoring;

public sealed class CronTextTests
{
    [Theory]
    [InlineData("* * * * *", "a cada minuto", "every minute")]
    [InlineData("*/15 * * * *", "a cada 15 minutos", "every 15 minutes")]
    [InlineData("5-59/15 * * * *", "a cada 15 minutos, a partir do minuto 5", "every 15 minutes, from minute 5")]
    [InlineData("*/2 * * * *", "a cada 2 minutos", "every 2 minutes")]
    [InlineData("10 * * * *", "a cada hora, no minuto 10", "every hour at minute 10")]
    [InlineData("0 3 * * *", "todo dia às 03:00", "every day at 03:00")]
    [InlineData("30 6,18 * * *", "todo dia às 06:30, 18:30", "every day at 06:30, 18:30")]
    [InlineData("0,30 * * * *", "a cada hora, nos minutos 00, 30", "every hour at minutes 00, 30")]
    [InlineData("0 3 * * 1", "cron 0 3 * * 1", "cron 0 3 * * 1")]
    public void Describe_SaysTheScheduleInWords_InBothLanguages(string cron, string portuguese, string english)
    {
        CronText.Describe(cron, english: false).Should().Be(portuguese);
        CronText.Describe(cron, english: true).Should().Be(english);
    }

    [Fact]
    public void EveryCatalogueSchedule_HasWords_NotTheBareExpression()
    {
        DiagramCatalog.All.Select(d => CronText.Describe(d.Cron, english: false)).Should().NotContain(text => text.StartsWith("cron ", StringComparison.Ordinal));
        DiagramCatalog.All.Select(d => CronText.Describe(d.Cron, english: true)).Should().NotContain(text => text.StartsWith("cron ", StringComparison.Ordinal));
    }
}
