using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using Microsoft.EntityFrameworkCore;

namespace IpaasMonitor.IntegrationTests.Orders;

/// <summary>
/// The order feed at start (ADR-016): a feed read (24) that runs before VTEX's feed is configured (23) is a silent
/// retry, not a failure; once 23 has run, the next read works.
/// </summary>
public sealed class FeedStartupTests
{
    [Fact]
    public async Task AFeedReadBeforeTheFeedConfiguration_IsASilentRetry_AndReadsOnce23HasRun()
    {
        await using var app = new IpaasMonitorApp(scheduling: false);

        var early = await app.RunAsync(24);
        var configured = await app.RunAsync(23);
        var later = await app.RunAsync(24);

        var messages = await app.DbAsync(db => db.Messages.AsNoTracking().ToListAsync());
        var earlyMessages = messages.Where(m => m.RunId == early).ToList();
        earlyMessages.Should().ContainSingle().Which.Should().Match<IntegrationMessage>(m => m.Component == DiagramRunner.CountComponent && m.Situation == MessageSituation.Processed);
        messages.Where(m => m.RunId == configured).Should().Contain(m => m.Situation == MessageSituation.Processed && m.BusinessKey == "feed");
        messages.Where(m => m.RunId == later).Should().OnlyContain(m => m.Situation != MessageSituation.Failed);
        messages.Should().NotContain(m => m.Situation == MessageSituation.Failed);
    }
}
