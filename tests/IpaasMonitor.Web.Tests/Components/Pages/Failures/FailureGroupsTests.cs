using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Components.Pages.Failures;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace IpaasMonitor.Web.Tests.Components.Pages.Failures;

public sealed class FailureGroupsTests : MonitorTestContext
{
    private const string Refused = "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido";

    [Fact]
    public async Task Render_GroupsTheUnresolvedFailuresByNormalizedCause_WithCountsItemsConnectionsAndAWaitLinkedToItsParent()
    {
        await Database.InsertAsync(
            Failure(Now.AddMinutes(-50), 2, "POST brand", "7", "loja-a", "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido"),
            Failure(Now.AddMinutes(-40), 2, "POST brand", "8", "loja-b", "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido"),
            Failure(Now.AddMinutes(-30), 2, "POST brand", "8", "loja-b", "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido"),
            Failure(Now.AddMinutes(-20), 6, "WAITING PARENT", "P1", "loja-a", "aguardando Marca 7: recusado pela VTEX (veja a falha no diagrama 02)"),
            Resolved(Now.AddMinutes(-10), 2, "POST brand", "9", "VTEX 400 em POST /api/catalog/pvt/brand: nome inválido"));

        var cut = Render<FailureGroups>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-row]").Should().HaveCount(2));
        var brand = cut.FindAll("[data-testid=group-row]")[0];
        brand.QuerySelector("[data-testid=group-failures]")!.TextContent.Should().Be("3", "the resolved failure is history, not a failure");
        brand.QuerySelector("[data-testid=group-items]")!.TextContent.Should().Be("2");
        brand.TextContent.Should().Contain("loja-a, loja-b").And.Contain("02 - ");
        var wait = cut.FindAll("[data-testid=group-row]")[1];
        wait.QuerySelector("[data-testid=group-cause]")!.TextContent.Should().Contain("aguardando Marca #: recusado pela VTEX (veja a falha no diagrama 02)");
        wait.QuerySelector("[data-testid=group-parent]")!.GetAttribute("href").Should().Be("falhas?diagrama=2");
        cut.FindAll("[data-testid=group-requeue]").Should().HaveCount(2, "an operator acts on groups");
    }

    [Fact]
    public async Task Render_ShowsTheWaitsHeldBehindTheParentsGroup_AndLinksTheWaitsToThatExactGroup()
    {
        var brand = Failure(Now.AddMinutes(-50), 2, "POST brand", "7", "loja-a", Refused);
        var otherBrand = Failure(Now.AddMinutes(-45), 2, "POST brand", "9", "loja-a", "VTEX 400 em POST /api/catalog/pvt/brand: outro motivo");
        var wait = Wait(Now.AddMinutes(-20), 6, "P1", "aguardando marca 7: recusado pela VTEX (veja a falha no diagrama 02)", parentDiagram: 2, parentKey: "7");
        var secondWait = Wait(Now.AddMinutes(-19), 6, "P2", "aguardando marca 7: recusado pela VTEX (veja a falha no diagrama 02)", parentDiagram: 2, parentKey: "7");
        var sameItemOtherConnection = Wait(Now.AddMinutes(-18), 6, "P3", "aguardando marca 7: recusado pela VTEX (veja a falha no diagrama 02)", parentDiagram: 2, parentKey: "7", connection: "loja-b");
        await Database.InsertAsync(brand, otherBrand, wait, secondWait, sameItemOtherConnection);

        var cut = Render<FailureGroups>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-row]").Should().HaveCount(3));
        var brandRow = Row(cut, brand.CauseKey!);
        var held = brandRow.QuerySelector("[data-testid=group-held]")!;
        held.TextContent.Should().Be("2 espera(s) em 2 item(ns) retida(s) por esta falha", "brand 7 of loja-b has no failure: its wait is not held by this group");
        held.GetAttribute("href").Should().Be($"mensagens?retidasPor={brand.CauseKey}&situacao=erro");
        Row(cut, otherBrand.CauseKey!).QuerySelector("[data-testid=group-held]").Should().BeNull();
        Row(cut, wait.CauseKey!).QuerySelector("[data-testid=group-parent]")!.GetAttribute("href")
            .Should().Be($"falhas?grupo={brand.CauseKey}", "the waits link to the brand failure's own group, not to its diagram");

        NavigateTo($"falhas?grupo={brand.CauseKey}");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-row]").Select(r => r.GetAttribute("data-cause")).Should().Equal(brand.CauseKey));
        cut.Find("[data-testid=groups-one]");
    }

    [Fact]
    public async Task DiscardGroup_DiscardsEveryUnresolvedFailureOfTheCause_WithTheReason_AndAuditsTheCount()
    {
        var a = Failure(Now.AddMinutes(-50), 2, "POST brand", "7", "loja-a", Refused);
        var b = Failure(Now.AddMinutes(-40), 2, "POST brand", "8", "loja-a", Refused);
        var other = Failure(Now.AddMinutes(-30), 2, "POST brand", "9", "loja-a", "VTEX 503 em POST /api/catalog/pvt/brand: indisponível");
        await Database.InsertAsync(a, b, other);
        ActAs("ana.suporte", IpaasMonitor.Web.Security.Roles.Operator);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<FailureGroups>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-row]").Should().HaveCount(2));
        var row = cut.FindAll("[data-testid=group-row]").Single(r => r.GetAttribute("data-cause") == a.CauseKey);

        var clicked = row.QuerySelector("[data-testid=group-discard]")!.ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=reason-input] textarea, textarea[data-testid=reason-input]"));
        dialogs.Find("[data-testid=reason-input] textarea, textarea[data-testid=reason-input]").Input("marcas descontinuadas");
        await dialogs.Find("button[data-testid=reason-confirm]").ClickAsync(new());
        await clicked;

        var situations = await WithDbAsync(db => db.Messages.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Situation));
        situations[a.Id].Should().Be(MessageSituation.Discarded);
        situations[b.Id].Should().Be(MessageSituation.Discarded);
        situations[other.Id].Should().Be(MessageSituation.Failed);
        var group = await WithDbAsync(db => db.Audit.AsNoTracking().SingleAsync(e => e.Action == "discard-group"));
        group.UserName.Should().Be("ana.suporte");
        group.Reason.Should().Be("marcas descontinuadas");
        group.Details.Should().Be("2 mensagem(ns) descartada(s)");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-row]").Should().ContainSingle());
    }

    [Fact]
    public async Task Viewer_SeesTheGroups_WithoutActions()
    {
        await Database.InsertAsync(Failure(Now.AddMinutes(-50), 2, "POST brand", "7", "loja-a", Refused));
        ActAs("vera.leitura", IpaasMonitor.Web.Security.Roles.Viewer);

        var cut = Render<FailureGroups>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-row]").Should().ContainSingle());
        cut.FindAll("[data-testid=group-requeue]").Should().BeEmpty();
        cut.FindAll("[data-testid=group-discard]").Should().BeEmpty();
    }

    private static IntegrationMessage Failure(DateTime at, int diagram, string component, string key, string connection, string error)
    {
        var message = TestMessages.New(at, MessageSituation.Failed, diagram, connection, component, businessKey: key);
        message.LastError = error;
        message.CauseKey = FailureCause.KeyOf(diagram, component, error);
        return message;
    }

    private static IntegrationMessage Wait(DateTime at, int diagram, string key, string error, int parentDiagram, string parentKey, string connection = "loja-a")
    {
        var message = Failure(at, diagram, "WAITING PARENT", key, connection, error);
        message.ParentDiagram = parentDiagram;
        message.ParentKey = parentKey;
        return message;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<FailureGroups> cut, string causeKey) =>
        cut.FindAll("[data-testid=group-row]").Single(r => r.GetAttribute("data-cause") == causeKey);

    private static IntegrationMessage Resolved(DateTime at, int diagram, string component, string key, string error)
    {
        var message = Failure(at, diagram, component, key, "loja-a", error);
        message.Situation = MessageSituation.Resolved;
        return message;
    }
}
