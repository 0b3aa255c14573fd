using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.E2ETests.Infrastructure;
using IpaasMonitor.E2ETests.Pages;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace IpaasMonitor.E2ETests;

/// <summary>Issue 2: the monitor grid shows real runs, filters by situation through the URL and opens a message.</summary>
[Collection(MonitorCollection.Name)]
public sealed partial class MessageGridTests(MonitorFixture fixture)
{
    [Fact]
    public async Task Grid_ShowsRealRunRows_NarrowsToFailedWithTheErroChip_AndOpensTheRowDetail()
    {
        var failedCount = await fixture.Server.DbAsync(db => db.Messages.CountAsync(m => m.Situation == MessageSituation.Failed));
        var rejected = fixture.RejectedBrand;
        failedCount.Should().BeInRange(1, 25, "the failed messages fit on the first page");

        await using var session = await fixture.OpenAsync();
        await session.RunAsync(async () =>
        {
            var page = session.Page;
            await page.GotoAsync(LoginPage.Path);
            await new LoginPage(session).SignInAsync(DemoUsers.Operator, DemoUsers.OperatorPassword);

            var grid = new MessageGridPage(session);
            await grid.GotoAsync(); // the landing page is the attention view; the full grid is one click away
            await Expect(grid.Rows).ToHaveCountAsync(25);
            await Expect(grid.Rows.GetByTestId("cell-integration")).ToHaveTextAsync(Enumerable.Repeat(IntegrationLabel(), 25));
            await Expect(grid.Rows.GetByTestId("cell-received")).ToHaveTextAsync(Enumerable.Repeat(GridDate(), 25));
            await Expect(grid.Rows.GetByTestId("cell-integration").Filter(new() { HasText = $"02 - Brand-HubToVtex - {MonitorServer.SecondConnection}" }).First)
                .ToBeVisibleAsync();
            await Expect(grid.Rows.Locator("[data-testid=situation][data-situation=processada]").First).ToBeVisibleAsync();
            await Expect(grid.CountChip("erro")).ToHaveAttributeAsync("data-count", failedCount.ToString(CultureInfo.InvariantCulture));

            await grid.ToggleSituationAsync("erro");

            await Expect(page).ToHaveURLAsync(ErroFilter());
            await Expect(grid.Rows).ToHaveCountAsync(failedCount);
            await Expect(grid.Rows.Locator("[data-testid=situation]:not([data-situation=erro])")).ToHaveCountAsync(0);
            await Expect(grid.CountChip("erro")).ToHaveClassAsync(new Regex("mud-chip-filled"));
            var row = grid.Row(rejected.MessageId);
            await Expect(grid.Cell(row, "id")).ToHaveTextAsync(rejected.ShortId);
            await Expect(grid.Cell(row, "integration")).ToHaveTextAsync($"02 - Brand-HubToVtex - {MonitorServer.FirstConnection}");
            await Expect(grid.SituationChip(row)).ToHaveTextAsync("Erro");
            await Expect(grid.Cell(row, "component")).ToHaveTextAsync(rejected.Component);
            await Expect(grid.Cell(row, "received")).ToHaveTextAsync(SaoPaulo.Format(rejected.ReceivedAtUtc));

            var detail = await grid.OpenAsync(row);

            await Expect(page).ToHaveURLAsync(new Uri(session.BaseAddress, $"mensagens/{rejected.MessageId}").ToString());
            await detail.ExpectLoadedAsync(rejected.ShortId);
            await Expect(detail.Situation).ToHaveAttributeAsync("data-situation", "erro");
            await Expect(detail.Payload).ToBeVisibleAsync();
            await Expect(detail.Payload).ToContainTextAsync(LongestStringIn(rejected.Payload!.Content));
            await Expect(detail.LastError).ToContainTextAsync("400");
        });
    }

    /// <summary>A text value of the stored payload (the rejected brand's name), to find on the page.</summary>
    private static string LongestStringIn(string json)
    {
        var values = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
                case JsonValue v when v.TryGetValue<string>(out var s):
                    values.Add(s);
                    break;
            }
        }

        Walk(JsonNode.Parse(json));
        return values.OrderByDescending(v => v.Length).First();
    }

    /// <summary>"01 - Brand-ErpToHub - VA-CUSTOMIZADA": two-digit diagram number, code name, connection.</summary>
    [GeneratedRegex(@"^\d{2} - [A-Za-z]+-[A-Za-z]+ - (VA-CUSTOMIZADA|MODA-CENTRO)$")]
    private static partial Regex IntegrationLabel();

    [GeneratedRegex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")]
    private static partial Regex GridDate();

    [GeneratedRegex(@"/(mensagens)?\?(.*&)?situacao=erro(&|$)")]
    private static partial Regex ErroFilter();
}
