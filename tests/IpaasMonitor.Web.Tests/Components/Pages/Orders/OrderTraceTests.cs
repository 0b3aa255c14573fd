using System.Globalization;
using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Testing;
using IpaasMonitor.Web.Components.Pages.Orders;
using IpaasMonitor.Web.Tests.Infrastructure;

namespace IpaasMonitor.Web.Tests.Components.Pages.Orders;

/// <summary>The order trace page in pt-BR (the default) and in English (the culture <c>?culture=en</c> sets).</summary>
public sealed class OrderTraceTests : MonitorTestContext
{
    private const string OrderId = "v1234-01";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var received = new DateTime(2024, 3, 7, 21, 40, 0, DateTimeKind.Utc);
        await Database.InsertAsync([new HubOrder
        {
            ConnectionId = "VA-CUSTOMIZADA", OrderId = OrderId, Stage = OrderStage.PartiallyInvoiced, BranchCode = 2, IsMainBranch = false,
            CustomerCode = 777, ErpOrderCode = 12345, VtexStatus = "handling", InvoicedCents = 123_456,
            ReceivedAtUtc = received, UpdatedAtUtc = received.AddMinutes(20), StageChangedAtUtc = received.AddMinutes(20),
        }]);
        await Database.InsertAsync(
            TestMessages.New(received, MessageSituation.Processed, diagram: 29, connection: "VA-CUSTOMIZADA", component: "CREATE OK", businessKey: OrderId, correlationId: OrderId),
            TestMessages.New(received.AddMinutes(20), MessageSituation.Processed, diagram: 38, connection: "VA-CUSTOMIZADA", component: "POST invoice", businessKey: "2-1-99", correlationId: OrderId));
    }

    [Fact]
    public void Order_IsInPortuguese_ByDefault()
    {
        using var culture = Culture("pt-BR");

        var cut = Render<OrderTrace>(p => p.Add(c => c.OrderId, OrderId));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=trace-step]").Should().HaveCount(2));
        var text = Text(cut);
        text.Should().Contain("Rastreio do pedido").And.Contain("Pedido VTEX").And.Contain("Filial ERP").And.Contain("2 (filial)")
            .And.Contain("Faturado na VTEX").And.Contain("R$ 1.234,56").And.Contain("Linha do tempo (2 mensagens)")
            .And.Contain("07/03/2024 18:40 · etapa desde 07/03/2024 19:00");
        cut.Find("[data-testid=order-stage]").TextContent.Trim().Should().Be("Faturado parcialmente");
        cut.FindAll("[data-testid=trace-step] strong").Select(s => s.TextContent.Trim()).Should().Equal("Pedido no ERP", "Faturamento parcial na VTEX");
    }

    [Fact]
    public void Order_IsInEnglish_WhenTheCultureIsEnglish()
    {
        using var culture = Culture("en");

        var cut = Render<OrderTrace>(p => p.Add(c => c.OrderId, OrderId));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=trace-step]").Should().HaveCount(2));
        var text = Text(cut);
        text.Should().Contain("Order trace").And.Contain("VTEX order").And.Contain("ERP branch").And.Contain("2 (branch)")
            .And.Contain("Invoiced in VTEX").And.Contain("R$1,234.56").And.Contain("Timeline (2 messages)")
            .And.Contain("07/03/2024 18:40 · stage since 07/03/2024 19:00");
        cut.Find("[data-testid=order-stage]").TextContent.Trim().Should().Be("Partially invoiced");
        cut.FindAll("[data-testid=trace-step] strong").Select(s => s.TextContent.Trim()).Should().Equal("Order in the ERP", "Partial invoicing in VTEX");
        var tooltips = cut.FindAll("[title], [aria-label]").SelectMany(e => new[] { e.GetAttribute("title"), e.GetAttribute("aria-label") });
        var visible = text + " " + string.Join(" ", tooltips);
        foreach (var portuguese in new[] { "Rastreio", "Pedido", "Filial", "Etapa", "etapa", "Faturado", "Linha do tempo", "mensage", "Recebido", "Chave de negócio", "Abrir", "Baixar", "Voltar" })
        {
            visible.Should().NotContain(portuguese);
        }
    }

    [Fact]
    public void UnknownOrder_IsReportedInTheCulture()
    {
        using (Culture("pt-BR"))
        {
            var cut = Render<OrderTrace>(p => p.Add(c => c.OrderId, "v999-01"));
            cut.WaitForAssertion(() => cut.Find("[data-testid=order-not-found]").TextContent.Should().Contain("Nenhuma mensagem ou registro do pedido v999-01."));
        }

        using (Culture("en"))
        {
            var cut = Render<OrderTrace>(p => p.Add(c => c.OrderId, "v999-01"));
            cut.WaitForAssertion(() => cut.Find("[data-testid=order-not-found]").TextContent.Should().Contain("No message or record of order v999-01."));
        }
    }

    /// <summary>The page's text with non-breaking spaces (currency formats use them) as plain spaces.</summary>
    private static string Text(IRenderedComponent<OrderTrace> cut) =>
        string.Concat(cut.Nodes.Select(n => n.TextContent)).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    /// <summary>Sets the culture the request localization middleware would set; restores the previous one on dispose.</summary>
    private static CultureScope Culture(string name) => new(CultureInfo.GetCultureInfo(name));

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
