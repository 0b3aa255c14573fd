using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
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

    [Fact]
    public async Task AWaitOnAFailedParent_LinksToTheParentFailuresOwnGroup_OrSaysItIsNoLongerOpen()
    {
        const string Refused = "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido";
        var brand = TestMessages.New(Now.AddMinutes(-30), MessageSituation.Failed, diagram: 2, component: "POST brand", businessKey: "7");
        brand.LastError = Refused;
        brand.CauseKey = FailureCause.KeyOf(2, "POST brand", Refused);
        var held = Wait(Now.AddMinutes(-20), "P1", parentKey: "7");
        var healed = Wait(Now.AddMinutes(-10), "P2", parentKey: "8");
        var other = TestMessages.New(Now.AddMinutes(-5), MessageSituation.Failed, diagram: 14, component: "PUT stock", businessKey: "SKU-1");
        other.LastError = "VTEX 400 em PUT /stock: quantidade inválida";
        await Database.InsertAsync(brand, held, healed, other);

        var cut = Render<AttentionView>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=attention-row]").Should().HaveCount(4));
        RowOf(cut, held).QuerySelector("[data-testid=row-parent-group]")!.GetAttribute("href").Should().Be($"falhas?grupo={brand.CauseKey}");
        RowOf(cut, healed).QuerySelector("[data-testid=row-parent-group]").Should().BeNull("brand 8 has no open failure");
        RowOf(cut, healed).QuerySelector("[data-testid=row-parent-resolved]")!.TextContent.Should().Be("a falha do pai não está mais em aberto");
        RowOf(cut, other).QuerySelector("[data-testid=row-parent-group], [data-testid=row-parent-resolved]").Should().BeNull("only a wait names a parent");
        RowOf(cut, brand).QuerySelector("[data-testid=row-parent-group], [data-testid=row-parent-resolved]").Should().BeNull();
    }

    private static IntegrationMessage Wait(DateTime at, string key, string parentKey)
    {
        var message = TestMessages.New(at, MessageSituation.Failed, diagram: 6, component: "WAITING PARENT", businessKey: key);
        message.LastError = $"aguardando marca {parentKey}: recusado pela VTEX (veja a falha no diagrama 02)";
        message.CauseKey = FailureCause.KeyOf(6, message.Component, message.LastError);
        message.ParentDiagram = 2;
        message.ParentKey = parentKey;
        return message;
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<AttentionView> cut, IntegrationMessage message) =>
        cut.FindAll("[data-testid=attention-row]").Single(r => r.GetAttribute("data-message-id") == message.MessageId.ToString());
}
