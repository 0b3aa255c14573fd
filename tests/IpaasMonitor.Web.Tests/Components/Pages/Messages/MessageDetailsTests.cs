using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Catalog;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Diagrams.Templates;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Components.Pages.Diagrams;
using IpaasMonitor.Web.Components.Pages.Messages;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace IpaasMonitor.Web.Tests.Components.Pages.Messages;

public sealed class MessageDetailsTests : MonitorTestContext
{
    [Fact]
    public async Task Render_ShowsHeaderPrettyJsonAttemptsAndRelated_WithActionsWhenFailed()
    {
        var failed = TestMessages.New(new DateTime(2024, 3, 7, 21, 51, 0, DateTimeKind.Utc), MessageSituation.Failed, diagram: 31,
            connection: "VA-CUSTOMIZADA", component: "POST invoice", businessKey: "NF-123", correlationId: "v1234-01",
            payload: "{\"orderId\":\"v1234-01\",\"invoice\":{\"number\":\"123\",\"value\":1990}}");
        var sibling = TestMessages.New(new DateTime(2024, 3, 7, 21, 40, 0, DateTimeKind.Utc), MessageSituation.Processed, diagram: 28,
            connection: "VA-CUSTOMIZADA", component: "CREATE OK", correlationId: "v1234-01");
        await Database.InsertAsync(failed, sibling);
        await Database.InsertAsync([new MessageAttempt
        {
            MessageId = failed.Id, Number = 1, StartedAtUtc = failed.ReceivedAtUtc, EndedAtUtc = failed.ReceivedAtUtc.AddSeconds(2),
            Outcome = MessageSituation.Failed, Component = "POST invoice", Error = "VTEX 400: invoice value mismatch",
        }]);

        var cut = Render<MessageDetails>(p => p.Add(c => c.MessageId, failed.MessageId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=detail-message-id]").TextContent.Should().Be(failed.MessageId.ToString()));
        cut.Find("[data-testid=detail-short-id]").TextContent.Should().Be(failed.ShortId);
        cut.Find("[data-testid=detail-integration]").TextContent.Should().Be("31 - Invoice-HubToVtex - VA-CUSTOMIZADA");
        cut.Find("[data-testid=detail-received]").TextContent.Should().Be("07/03/2024 18:51");
        cut.Find("[data-testid=detail-correlation]").GetAttribute("href").Should().EndWith("mensagens?busca=v1234-01");
        cut.Find("[data-testid=payload]").TextContent.Should().Be(
            "{\n  \"orderId\": \"v1234-01\",\n  \"invoice\": {\n    \"number\": \"123\",\n    \"value\": 1990\n  }\n}".ReplaceLineEndings());
        cut.Find("[data-testid=payload-download]").GetAttribute("href").Should().Be($"mensagens/{failed.MessageId}/payload");
        cut.FindAll("[data-testid=attempt]").Should().ContainSingle().Which.TextContent.Should().Contain("VTEX 400: invoice value mismatch");
        cut.FindAll("[data-testid=related-row]").Should().ContainSingle().Which.TextContent.Should().Contain(sibling.ShortId);
        cut.FindAll("[data-testid=detail-requeue]").Should().ContainSingle();
        cut.FindAll("[data-testid=detail-discard]").Should().ContainSingle();
    }

    [Fact]
    public async Task Render_HidesActions_WhenNotFailed()
    {
        var processed = TestMessages.New(MonitorTestContext.Now.AddMinutes(-5), MessageSituation.Processed, payload: "not json");
        await Database.InsertAsync(processed);

        var cut = Render<MessageDetails>(p => p.Add(c => c.MessageId, processed.MessageId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=payload]").TextContent.Should().Be("not json"));
        cut.FindAll("[data-testid=detail-requeue]").Should().BeEmpty();
        cut.FindAll("[data-testid=detail-discard]").Should().BeEmpty();
    }

    [Fact]
    public void Render_SaysNotFound_WhenTheIdIsUnknown()
    {
        var cut = Render<MessageDetails>(p => p.Add(c => c.MessageId, Guid.NewGuid()));

        cut.WaitForAssertion(() => cut.Find("[data-testid=detail-not-found]"));
    }

    [Fact]
    public async Task Discard_RequiresAReasonAndRecordsIt()
    {
        var failed = TestMessages.New(MonitorTestContext.Now.AddMinutes(-5), MessageSituation.Failed);
        await Database.InsertAsync(failed);
        ActAs("ana.suporte", IpaasMonitor.Web.Security.Roles.Operator);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<MessageDetails>(p => p.Add(c => c.MessageId, failed.MessageId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=detail-discard]"));

        var clicked = cut.Find("[data-testid=detail-discard]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=reason-confirm]").HasAttribute("disabled").Should().BeTrue());
        dialogs.Find("textarea").Input("SKU removido do catálogo");
        await dialogs.Find("button[data-testid=reason-confirm]").ClickAsync(new());
        await clicked;

        cut.WaitForAssertion(() => cut.Find("[data-testid=situation]").TextContent.Should().Be("Descartada"));
        cut.FindAll("[data-testid=detail-discard]").Should().BeEmpty();
        cut.Find("[data-testid=audit-row]").TextContent.Should().Contain("SKU removido do catálogo").And.Contain("Descartou").And.Contain("ana.suporte");
        (await WithDbAsync(db => db.Messages.SingleAsync())).Situation.Should().Be(MessageSituation.Discarded);
    }

    [Fact]
    public async Task DiagramList_ShowsCatalogueBySection_AndNoRunOfAConnectionNotConfigured()
    {
        await Database.InsertAsync([
            new DiagramLease { ConnectionId = "VA-CUSTOMIZADA", Diagram = 2, ExpiresAtUtc = Now },
            new DiagramRun { Id = Guid.NewGuid(), ConnectionId = "VA-CUSTOMIZADA", Diagram = 2, StartedAtUtc = Now.AddHours(-2), Status = RunStatus.Failed, Read = 1 },
            new DiagramRun { Id = Guid.NewGuid(), ConnectionId = "VA-CUSTOMIZADA", Diagram = 2, StartedAtUtc = Now.AddMinutes(-15), Status = RunStatus.Completed, Read = 40, Sent = 3 },
        ]);

        var cut = Render<DiagramList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=diagram-row]").Should().HaveCount(39));
        cut.FindAll("[data-testid^=section-]").Should().HaveCount(11);

        // The page is per configured connection (ADR-021; DiagramListTests shows the last run of each): runs recorded for a
        // connection this app no longer has are not listed.
        cut.FindAll("[data-testid=last-run]").Should().BeEmpty();
        cut.FindAll("[data-testid=diagram-row]").Select(r => r.GetAttribute("data-diagram"))
            .Should().BeEquivalentTo(DiagramCatalog.All.Select(d => d.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), "every catalogue row is listed once");
        cut.FindAll("[data-testid=diagram-row]").Should().AllSatisfy(row =>
            row.TextContent.Should().Contain("Nenhuma conexão configurada.", "every diagram has code, and this test configures no connection to run it on"));
    }
}
