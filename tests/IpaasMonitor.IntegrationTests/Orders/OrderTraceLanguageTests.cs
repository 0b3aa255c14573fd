using System.Net;
using System.Text.RegularExpressions;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.IntegrationTests.Security;

namespace IpaasMonitor.IntegrationTests.Orders;

/// <summary>
/// The order trace page (/pedidos) as the server renders it over HTTP: pt-BR by default, English with
/// <c>?culture=en</c> and then through the culture cookie that request sets.
/// </summary>
public sealed partial class OrderTraceLanguageTests : IAsyncLifetime
{
    private const string OrderId = "v5555-01";
    private readonly IpaasMonitorApp app = new(scheduling: false);

    public async Task InitializeAsync()
    {
        _ = app.Services;
        var now = DateTime.UtcNow;
        await app.DbAsync(async db =>
        {
            db.HubOrders.Add(new HubOrder
            {
                ConnectionId = IpaasMonitorApp.FirstConnection,
                OrderId = OrderId,
                Stage = OrderStage.PartiallyInvoiced,
                BranchCode = 2,
                IsMainBranch = false,
                ErpOrderCode = 4321,
                CustomerCode = 99,
                VtexStatus = "handling",
                InvoicedCents = 123_456,
                ReceivedAtUtc = now,
                UpdatedAtUtc = now,
                StageChangedAtUtc = now,
            });
            db.Messages.Add(MessageRecorder.NewMessage(IpaasMonitorApp.FirstConnection, 29, null, "test", ItemResult.Ok("CREATE OK", OrderId, "{}", OrderId), now));
            db.Messages.Add(MessageRecorder.NewMessage(IpaasMonitorApp.FirstConnection, 38, null, "test", ItemResult.Ok("POST invoice", "2-1-7", "{}", OrderId), now.AddSeconds(1)));
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task OrderPage_IsPortugueseByDefault()
    {
        using var client = await SignIn.AsAsync(app, SignIn.Viewer);

        var page = await PageAsync(client, $"/pedidos/{OrderId}");

        page.Should().Contain("Rastreio do pedido").And.Contain("Faturado parcialmente").And.Contain("Filial ERP").And.Contain("2 (filial)")
            .And.Contain("Faturamento parcial na VTEX").And.Contain("Linha do tempo (2 mensagens)").And.Contain("R$ 1.234,56")
            .And.NotContain("Order trace").And.NotContain("Partially invoiced");
        (await PageAsync(client, "/pedidos")).Should().Contain("Na etapa há").And.Contain(OrderId);
    }

    [Fact]
    public async Task OrderPage_IsEnglish_WithCultureEn_AndStaysEnglishThroughTheCookie()
    {
        using var client = await SignIn.AsAsync(app, SignIn.Viewer);

        var page = await PageAsync(client, $"/pedidos/{OrderId}?culture=en");

        page.Should().Contain("Order trace").And.Contain("Partially invoiced").And.Contain("ERP branch").And.Contain("2 (branch)")
            .And.Contain("Partial invoicing in VTEX").And.Contain("Timeline (2 messages)").And.Contain("R$1,234.56").And.Contain(">Orders<");
        foreach (var portuguese in new[] { "Rastreio", "Faturado", "Filial", "Etapa", "Linha do tempo", "Na etapa há", ">Pedidos<" })
        {
            page.Should().NotContain(portuguese);
        }

        var recent = await PageAsync(client, "/pedidos");
        recent.Should().Contain("In stage for").And.Contain(OrderId).And.NotContain("Na etapa há").And.NotContain("Todas as etapas");
    }

    /// <summary>
    /// The prerendered page without HTML comments (Blazor's markers carry base64 state), entities decoded (the HTML
    /// encoder writes "ç" as "&amp;#xE7;"), NBSP as a space.
    /// </summary>
    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = Comments().Replace(await response.Content.ReadAsStringAsync(), "");
        return WebUtility.HtmlDecode(html).Replace('\u00A0', ' ').Replace('\u202F', ' ');
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
