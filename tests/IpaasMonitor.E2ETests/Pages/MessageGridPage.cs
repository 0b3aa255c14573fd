using IpaasMonitor.E2ETests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IpaasMonitor.E2ETests.Pages;

/// <summary>The monitor grid at /mensagens (the landing page / is the attention view). Its filters live in the URL.</summary>
public sealed class MessageGridPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Rows => Page.GetByTestId("message-row");

    public ILocator RequeueSelected => Page.GetByTestId("requeue-selected");

    public ILocator RequeueAllFailed => Page.GetByTestId("requeue-all-failed");

    public ILocator RowCheckboxes => Page.GetByTestId("select-row");

    /// <summary>The situation count chip, e.g. "erro" (pt-BR URL slug).</summary>
    public ILocator CountChip(string slug) => Page.GetByTestId($"count-{slug}");

    public ILocator Row(Guid messageId) => Page.Locator($"[data-testid=message-row][data-message-id='{messageId}']");

    public ILocator Cell(ILocator row, string cell) => row.GetByTestId($"cell-{cell}");

    /// <summary>The situation slug shown in a row (data-situation of its chip).</summary>
    public ILocator SituationChip(ILocator row) => row.GetByTestId("cell-situation").GetByTestId("situation");

    public async Task GotoAsync(string relativeUrl = "mensagens")
    {
        await Page.GotoAsync(relativeUrl);
        await ExpectLoadedAsync();
    }

    /// <summary>The circuit is up and the interactive load has put rows on screen.</summary>
    public async Task ExpectLoadedAsync()
    {
        await session.WaitUntilInteractiveAsync();
        await Expect(Rows.First).ToBeVisibleAsync();
        session.LastGridUrl = Page.Url;
    }

    public async Task ToggleSituationAsync(string slug) => await CountChip(slug).ClickAsync();

    /// <summary>Opens a row's detail with its eye icon.</summary>
    public async Task<MessageDetailPage> OpenAsync(ILocator row)
    {
        session.LastGridUrl = Page.Url;
        await row.GetByRole(AriaRole.Link, new() { Name = "Abrir detalhes" }).ClickAsync();
        return new MessageDetailPage(session);
    }
}
