using System.Text.RegularExpressions;
using IpaasMonitor.E2ETests.Infrastructure;
using IpaasMonitor.E2ETests.Pages;
using static Microsoft.Playwright.Assertions;

namespace IpaasMonitor.E2ETests;

/// <summary>Issue 13: /painel shows both connections, and a click on the chart lands on the grid with the same filter.</summary>
[Collection(MonitorCollection.Name)]
public sealed partial class OverviewTests(MonitorFixture fixture)
{
    [Fact]
    public async Task Overview_ShowsBothConnections_AndAChartClickLandsOnTheFilteredGrid()
    {
        await using var session = await fixture.OpenAsync();
        await session.RunAsync(async () =>
        {
            var page = session.Page;
            await page.GotoAsync(LoginPage.Path);
            await new LoginPage(session).SignInAsync(DemoUsers.Viewer, DemoUsers.ViewerPassword);
            await page.GotoAsync("painel");
            await session.WaitUntilInteractiveAsync();

            var connections = page.GetByTestId("overview-connection");
            await Expect(connections).ToHaveCountAsync(2);
            // In name order, as every page lists connections (ConnectionDirectory).
            await Expect(connections.Nth(0)).ToHaveAttributeAsync("data-connection", MonitorServer.SecondConnection);
            await Expect(connections.Nth(1)).ToHaveAttributeAsync("data-connection", MonitorServer.FirstConnection);
            var first = page.Locator($"[data-testid=overview-connection][data-connection='{MonitorServer.FirstConnection}']");
            await Expect(first.Locator("[data-testid=chart] svg")).ToBeVisibleAsync();

            // The current hour's column under the chart: the fixture's runs were recorded in it.
            await first.GetByTestId("hour-link").Last.ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"mensagens\\?conexao={MonitorServer.FirstConnection}&de=[0-9-]+T[0-9]{{2}}%3A00&ate="));
            var grid = new MessageGridPage(session);
            await grid.ExpectLoadedAsync();
            await Expect(grid.Rows.First).ToBeVisibleAsync();
            await Expect(grid.Rows.GetByTestId("cell-integration").Filter(new() { HasText = MonitorServer.SecondConnection })).ToHaveCountAsync(0);
        });
    }
}
