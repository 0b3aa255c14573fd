using System.Globalization;
using Bunit;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Web.Components.Pages.Orders;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Components.Pages.Orders;

/// <summary>/pedidos: orders by stage with age, the stuck flag of the order alert rules, filters in the URL, links to the trace.</summary>
public sealed class OrderListTests : MonitorTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.InsertAsync([
            new AlertRule { Name = "Pedido sem ERP", Kind = AlertRuleKind.OrderNotInErp, Minutes = 15, UpdatedAtUtc = Now },
            Order("VA-CUSTOMIZADA", "v-stuck", OrderStage.Received, Now.AddMinutes(-40)),
            Order("VA-CUSTOMIZADA", "v-young", OrderStage.Received, Now.AddMinutes(-5)),
            Order("MODA-CENTRO", "v-done", OrderStage.Invoiced, Now.AddHours(-3)),
        ]);
    }

    [Fact]
    public void AllOrders_NewestFirst_WithStageAge_AndTheStuckFlagOfTheRules_EachLinkingToItsTrace()
    {
        using var culture = Culture("pt-BR");

        var cut = Render<OrderList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=order-row]").Should().HaveCount(3));
        cut.FindAll("[data-testid=order-row]").Select(r => r.GetAttribute("data-order")).Should().Equal("v-done", "v-young", "v-stuck");
        cut.FindAll("[data-testid=order-row]").Select(r => r.GetAttribute("data-stuck")).Should().Equal("false", "false", "true");
        cut.Find("[data-order=v-stuck] a").GetAttribute("href").Should().Be("pedidos/v-stuck");
        cut.Find("[data-order=v-stuck]").TextContent.Should().Contain("40 min").And.Contain("Parado");
        cut.FindAll("[data-testid=order-list] th").Select(th => th.TextContent.Trim()).Should().Equal("Pedido", "Integração", "Etapa", "Na etapa há", "Idade", "Filial", "Recebido em");
    }

    [Fact]
    public void Filters_ComeFromTheUrl_StuckOnly_Stage_Connection_Age()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        IRenderedComponent<OrderList> RenderAt(string url)
        {
            nav.NavigateTo(url);
            return Render<OrderList>();
        }

        string[] Orders(IRenderedComponent<OrderList> cut) => [.. cut.FindAll("[data-testid=order-row]").Select(r => r.GetAttribute("data-order")!)];

        var stuck = RenderAt("pedidos?parados=1");
        stuck.WaitForAssertion(() => Orders(stuck).Should().Equal("v-stuck"));
        var invoiced = RenderAt("pedidos?etapa=Invoiced");
        invoiced.WaitForAssertion(() => Orders(invoiced).Should().Equal("v-done"));
        var connection = RenderAt("pedidos?conexao=VA-CUSTOMIZADA");
        connection.WaitForAssertion(() => Orders(connection).Should().Equal("v-young", "v-stuck"));
        var older = RenderAt("pedidos?idade=15");
        older.WaitForAssertion(() => Orders(older).Should().Equal("v-done", "v-stuck"));
    }

    [Fact]
    public void Headers_FollowTheCulture()
    {
        using var culture = Culture("en");

        var cut = Render<OrderList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=order-row]").Should().HaveCount(3));
        cut.FindAll("[data-testid=order-list] th").Select(th => th.TextContent.Trim()).Should().Equal("Order", "Integration", "Stage", "In stage for", "Age", "Branch", "Received at");
        cut.Find("[data-order=v-stuck]").TextContent.Should().Contain("Stuck").And.Contain("Received");
    }

    private static HubOrder Order(string connection, string orderId, OrderStage stage, DateTime at) => new()
    {
        ConnectionId = connection,
        OrderId = orderId,
        Stage = stage,
        ReceivedAtUtc = at,
        UpdatedAtUtc = at,
        StageChangedAtUtc = at,
    };

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
