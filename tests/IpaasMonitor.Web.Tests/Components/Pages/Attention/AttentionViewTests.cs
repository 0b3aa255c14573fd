using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Storage;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Components.Pages.Attention;
using IpaasMonitor.Web.Tests.Infrastructure;

namespace IpaasMonitor.Web.Tests.Components.Pages.Attention;

public sealed class AttentionViewTests : MonitorTestContext
{
    [Fact]
    public async Task Render_ShowsOnlyUnresolvedFailuresAndStuckWork_NewestFirst_WithTheReasonsFirstLine()
    {
        var failed = TestMessages.New(Now.AddMinutes(-30), MessageSituation.Failed, diagram: 14, component: "PUT stock", businessKey: "SKU-1");
        failed.LastError = "VTEX 400 em PUT /stock: quantidade inválida\ndetalhe que não cabe na coluna";
        var requeued = TestMessages.New(Now.AddMinutes(-10), MessageSituation.Requeued, diagram: 2, component: "POST brand", businessKey: "7");
        var resolved = TestMessages.New(Now.AddMinutes(-5), MessageSituation.Resolved, diagram: 14, businessKey: "SKU-2");
        var processed = TestMessages.New(Now.AddMinutes(-4), MessageSituation.Processed, diagram: 14, businessKey: "SKU-2");
        var discarded = TestMessages.New(Now.AddMinutes(-3), MessageSituation.Discarded, diagram: 14, businessKey: "SKU-3");
        var failedRun = TestMessages.New(Now.AddMinutes(-1), MessageSituation.Failed, diagram: 14, component: "Count", businessKey: "execução");
        await Database.InsertAsync(failed, requeued, resolved, processed, discarded, failedRun);

        // The count is read from the hourly counters (ADR-017 amendment 2), which the recording path keeps with the rows.
        await using (var db = await Database.Factory.CreateDbContextAsync())
        {
            await MessageCounts.ApplyAsync(db, MessageCounts.ForNewMessages([failed, requeued, resolved, processed, discarded, failedRun]), default);
        }

        var cut = Render<AttentionView>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=attention-row]").Select(r => r.GetAttribute("data-message-id"))
            .Should().Equal(requeued.MessageId.ToString(), failed.MessageId.ToString()));
        cut.FindAll("[data-testid=cell-reason]")[1].TextContent.Should().Be("VTEX 400 em PUT /stock: quantidade inválida");
        cut.Find("[data-testid=attention-count]").TextContent.Trim().Should().Be("2");
        cut.Find("[data-testid=link-history]").GetAttribute("href").Should().Be("mensagens");

        cut.Find("input[data-testid=show-summaries], [data-testid=show-summaries] input").Change(true);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=attention-row]").Select(r => r.GetAttribute("data-message-id"))
            .Should().Equal(failedRun.MessageId.ToString(), requeued.MessageId.ToString(), failed.MessageId.ToString()));
        cut.Find("[data-testid=attention-count]").TextContent.Trim().Should().Be("3", "the failed run's summary is counted when shown");
    }
}
