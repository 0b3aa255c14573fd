using AngleSharp.Dom;
using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Data.Monitoring;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Components.Pages.Messages;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IpaasMonitor.Web.Tests.Components.Pages.Messages;

public sealed class MessageGridTests : MonitorTestContext
{
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(30);

    private IntegrationMessage count = null!;
    private IntegrationMessage failed = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        count = TestMessages.New(new DateTime(2024, 3, 7, 21, 54, 0, DateTimeKind.Utc), MessageSituation.Processed, diagram: 9,
            connection: "VA-CUSTOMIZADA", component: "Count", businessKey: "execução");
        failed = TestMessages.New(new DateTime(2024, 3, 7, 21, 51, 0, DateTimeKind.Utc), MessageSituation.Failed, diagram: 12,
            connection: "VA-CUSTOMIZADA", component: "GET SKU", businessKey: "SKU-1");
        var processed = Enumerable.Range(0, 3).Select(i => TestMessages.New(new DateTime(2024, 3, 7, 21, 50 - i, 0, DateTimeKind.Utc),
            MessageSituation.Processed, diagram: 12, connection: "VA-CUSTOMIZADA", component: "ASSOCIATE OK")).ToArray();
        await Database.InsertAsync([count, failed, .. processed]);
    }

    [Fact]
    public void Render_ShowsSeedColumnsAndDatesInSaoPauloTime_NewestFirst()
    {
        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(5));
        cut.FindAll("thead th").Select(th => th.TextContent.Trim()).Skip(1).Should()
            .Equal("IDENTIFICADOR", "INTEGRAÇÃO", "SITUAÇÃO", "COMPONENTE", "RECEBIDO EM", "AÇÕES");
        var first = Rows(cut)[0];
        Cell(first, "cell-id").Should().Be(count.ShortId);
        Cell(first, "cell-integration").Should().Be("09 - SKU-ErpToHub - VA-CUSTOMIZADA");
        first.QuerySelector("[data-testid=cell-integration]")!.GetAttribute("title").Should().Be("09 - SKU-ErpToHub - VA-CUSTOMIZADA");
        Cell(first, "cell-situation").Should().Be("Processada");
        Cell(first, "cell-component").Should().Be("Count");
        Cell(first, "cell-received").Should().Be("07/03/2024 18:54", "21:54 UTC is 18:54 in São Paulo");
        first.QuerySelector("[data-testid=open-detail]")!.GetAttribute("href").Should().Be($"mensagens/{count.MessageId}");
        Cell(Rows(cut)[1], "cell-situation").Should().Be("Erro");
        Rows(cut)[1].QuerySelector("[data-testid=situation]")!.ClassName.Should().Contain("mud-chip-color-error");
    }

    [Fact]
    public void Render_NarrowsRowsAndCounts_WhenSituationIsInTheUrl()
    {
        NavigateTo("mensagens?situacao=erro");

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => Rows(cut).Should().ContainSingle().Which.GetAttribute("data-message-id").Should().Be(failed.MessageId.ToString()));
        Count(cut, "erro").Should().Be("1");
        Count(cut, "processada").Should().Be("4");
        cut.Find("[data-testid=requeue-all-failed]").TextContent.Should().Contain("(1)");
    }

    [Fact]
    public void ClickingASituationChip_PutsTheFilterInTheUrl()
    {
        var cut = Render<MessageGrid>();
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(5));

        cut.Find("[data-testid=count-erro]").Click();

        cut.WaitForAssertion(() => Rows(cut).Should().ContainSingle());
        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith("?situacao=erro");
    }

    [Fact]
    public void Render_FindsByBusinessKey_WhenSearchIsInTheUrl()
    {
        NavigateTo("mensagens?busca=SKU-1");

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => Rows(cut).Should().ContainSingle());
        Cell(Rows(cut)[0], "cell-id").Should().Be(failed.ShortId);
    }

    [Fact]
    public void Render_ShowsEmptyState_WhenNothingMatches()
    {
        NavigateTo("mensagens?situacao=descartada");

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("Nenhuma mensagem"));
        Rows(cut).Should().BeEmpty();
    }

    [Fact]
    public async Task Render_SaysMoreThanTenThousand_WhenCountHitsItsLimit()
    {
        var many = Enumerable.Range(0, MessageQueries.DefaultCountLimit + 1)
            .Select(i => TestMessages.New(Now.AddDays(-2).AddSeconds(-i), MessageSituation.Processed, component: "UPDATE OK")).ToArray();
        await Database.InsertAsync(many);

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => Count(cut, "processada").Should().Be("mais de 10.000"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=count-processada]").GetAttribute("data-lower-bound").Should().Be("true");
        cut.Find("[data-testid=page-info]").TextContent.Should().Be("1–25 de mais de 10.000");
    }

    [Fact]
    public void NextAndPrevious_WalkPagesAndKeepThePageInTheUrl()
    {
        NavigateTo("mensagens?tamanho=25");
        var cut = Render<MessageGrid>();
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(5));
        cut.Find("[data-testid=page-next]").HasAttribute("disabled").Should().BeTrue();
        cut.Find("[data-testid=page-info]").TextContent.Should().Be("1–5 de 5");
    }

    [Fact]
    public async Task RequeueSelected_StartsABulkRequeueOfTheFailedRow_InTheOperatorsName_AfterConfirmation()
    {
        ActAs("ana.suporte", IpaasMonitor.Web.Security.Roles.Operator);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<MessageGrid>();
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(5));

        Rows(cut)[1].QuerySelector("input[data-testid=select-row], [data-testid=select-row] input")!.Change(true);
        cut.Find("[data-testid=requeue-selected]").TextContent.Should().Contain("(1)");
        var clicked = cut.Find("[data-testid=requeue-selected]").ClickAsync(new()); // completes after the dialog closes
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Reenfileirar 1 mensagem(ns)"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Reenfileirar").ClickAsync(new());
        await clicked;

        // Executed on the server in throttled steps (ADR-017): the batch and its item are in the store.
        var batch = await WithDbAsync(db => db.RequeueBatches.SingleAsync());
        batch.RequestedBy.Should().Be("ana.suporte", "every attempt of the batch is recorded in the signed-in user's name");
        (await WithDbAsync(db => db.RequeueBatchItems.SingleAsync())).MessageRowId.Should().Be(failed.Id);
        var audit = await WithDbAsync(db => db.Audit.SingleAsync());
        audit.Action.Should().Be("requeue-batch");
        audit.UserName.Should().Be("ana.suporte");
    }

    [Fact]
    public async Task LiveRefresh_ShowsNewMessages_EveryTenSeconds()
    {
        var cut = Render<MessageGrid>();
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(5));
        var timersBefore = Clock.TimersCreated;
        cut.Find("input[data-testid=live-refresh], [data-testid=live-refresh] input").Change(true);
        // The switch's handler may finish after Change returns: advance the fake clock only once the refresh timer
        // exists, or the advance is lost and the grid waits for a tick that never comes.
        cut.WaitForAssertion(() => Clock.TimersCreated.Should().Be(timersBefore + 1, "switching live refresh on arms one timer"), RefreshTimeout);

        var newer = TestMessages.New(Now, MessageSituation.Failed, component: "POST invoice");
        await Database.InsertAsync(newer);
        Clock.Advance(TimeSpan.FromSeconds(9));
        Rows(cut).Should().HaveCount(5, "nothing refreshes before ten seconds of (fake) time have passed");
        Clock.Advance(TimeSpan.FromSeconds(1));

        // The tick itself is deterministic; the reload after it runs a real SQLite query: allow a loaded machine.
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(6), RefreshTimeout);
        Cell(Rows(cut)[0], "cell-id").Should().Be(newer.ShortId);
        Count(cut, "erro").Should().Be("2");
    }

    [Fact]
    public void CustomRange_AppliesTheDates_AsTheBrowserSendsThemWithSeconds()
    {
        // Blazor hands a datetime-local field's value over with seconds, whatever the browser shows (seen in Chromium:
        // "2024-03-07T18:50:00"); reading only "yyyy-MM-ddTHH:mm" left the range ignored.
        NavigateTo("mensagens?de=2024-03-07T18%3A00");
        var cut = Render<MessageGrid>();
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(5));

        cut.Find("input[data-testid=filter-to]").Change("2024-03-07T18:50:00");

        // Até names a minute and includes it: 18:50 São Paulo is 21:50 UTC; the three messages at 21:48–21:50 remain.
        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(3));
        Services.GetRequiredService<NavigationManager>().Uri.Should().Contain("ate=2024-03-07T18%3A50").And.Contain("de=2024-03-07T18%3A00");
        cut.Find("input[data-testid=filter-to]").GetAttribute("value").Should().Be("2024-03-07T18:50");

        cut.Find("input[data-testid=filter-from]").Change("2024-03-07T18:49:30");

        cut.WaitForAssertion(() => Rows(cut).Should().HaveCount(2, "18:49 to 18:50 inclusive"));
    }

    [Fact]
    public void ExportButton_CarriesTheGridsFilter()
    {
        NavigateTo("mensagens?situacao=erro&busca=SKU-1&tamanho=50&pagina=2");

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=export]").GetAttribute("href").Should()
            .Be("mensagens/exportar?situacao=erro&busca=SKU-1"));
        cut.FindAll("[data-testid=export-cut]").Should().BeEmpty();
    }

    [Fact]
    public void ExportButton_SaysTheExportWillBeCut_WhenTheFilterHoldsMoreThanTheLimit()
    {
        Services.AddSingleton(new ExportOptions { MaxRows = 3 });

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=export-cut]").TextContent.Should().Contain("3 mensagens mais recentes"));
    }

    [Fact]
    public void Search_SaysHowFarTheErrorTextIsSearched()
    {
        NavigateTo("mensagens?busca=encontrado");

        var cut = Render<MessageGrid>();

        cut.WaitForAssertion(() => Rows(cut).Should().ContainSingle().Which.GetAttribute("data-message-id").Should().Be(failed.MessageId.ToString()));
        cut.Find("[data-testid=error-scan-note]").TextContent.Should().Contain("5.000 falhas mais recentes");
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<MessageGrid> cut) => cut.FindAll("[data-testid=message-row]");

    private static string Cell(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static string Count(IRenderedComponent<MessageGrid> cut, string slug) =>
        cut.Find($"[data-testid=count-{slug}] strong").TextContent.Trim();
}
