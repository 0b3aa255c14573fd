using IpaasMonitor.E2ETests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IpaasMonitor.E2ETests.Pages;

/// <summary>/mensagens/{id}: header, payload, attempts, audit; re-queue and discard for operators.</summary>
public sealed class MessageDetailPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator ShortId => Page.GetByTestId("detail-short-id");

    public ILocator Payload => Page.GetByTestId("payload");

    public ILocator LastError => Page.GetByTestId("detail-last-error");

    /// <summary>The header's situation chip (attempts have chips of their own).</summary>
    public ILocator Situation => Page.GetByTestId("detail-header").GetByTestId("situation");

    public ILocator Requeue => Page.GetByTestId("detail-requeue");

    public ILocator Discard => Page.GetByTestId("detail-discard");

    public ILocator Reveal => Page.GetByTestId("detail-reveal");

    public ILocator AuditRows => Page.GetByTestId("audit-row");

    public ILocator Attempts => Page.GetByTestId("attempt");

    public async Task GotoAsync(Guid messageId)
    {
        await Page.GotoAsync($"mensagens/{messageId}");
        await ExpectLoadedAsync(IpaasMonitor.Data.Entities.IntegrationMessage.ShortIdOf(messageId));
    }

    /// <summary>The circuit is up and the interactive load shows the message.</summary>
    public async Task ExpectLoadedAsync(string shortId)
    {
        await session.WaitUntilInteractiveAsync();
        await Expect(ShortId).ToHaveTextAsync(shortId);
        await Expect(Page.GetByTestId("detail-message-id")).ToBeVisibleAsync();
        session.LastDetailUrl = Page.Url;
    }

    /// <summary>Clicks Re-queue and confirms in the dialog.</summary>
    public async Task RequeueAsync()
    {
        await Requeue.ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Reenfileirar 1 mensagem(ns) com erro?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reenfileirar" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }
}
