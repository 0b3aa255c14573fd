using Bunit;
using IpaasMonitor.Connectors;
using IpaasMonitor.Data.Entities;
using IpaasMonitor.Diagrams.Running;
using IpaasMonitor.Web.Components.Pages.Overview;
using IpaasMonitor.Web.Monitoring;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Components.Pages.Overview;

/// <summary>/painel from messages recorded by the real recorder (so from the real counters) on a fake clock.</summary>
public sealed class OverviewPageTests : MonitorTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.Configure<IpaasMonitorOptions>(o =>
        {
            o.Connections.Add(ValidConnection("LOJA-A"));
            o.Connections.Add(ValidConnection("LOJA-B"));
        });
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task EachConnection_ShowsItsAreas_OrdersWaiting_AndAChart_FromTheCounters()
    {
        // Now is 22:00 UTC: stock messages at 21:30 (last hour) and at 10:00 (24 h), prices failures in the current hour.
        await RecordAsync("LOJA-A", 14, ok: 5, failed: 2, at: Now.AddMinutes(-30));
        await RecordAsync("LOJA-A", 16, ok: 10, failed: 0, at: Now.AddHours(-12));
        await RecordAsync("LOJA-A", 20, ok: 0, failed: 3, at: Now.AddMinutes(-1));
        await Database.InsertAsync(new object[]
        {
            new HubOrder { ConnectionId = "LOJA-B", OrderId = "1001-01", Stage = OrderStage.InErp, ReceivedAtUtc = Now, UpdatedAtUtc = Now, StageChangedAtUtc = Now },
            new HubOrder { ConnectionId = "LOJA-B", OrderId = "1002-01", Stage = OrderStage.InErp, ReceivedAtUtc = Now, UpdatedAtUtc = Now, StageChangedAtUtc = Now },
            new HubOrder { ConnectionId = "LOJA-B", OrderId = "1003-01", Stage = OrderStage.Invoiced, ReceivedAtUtc = Now, UpdatedAtUtc = Now, StageChangedAtUtc = Now },
        });

        var cut = Render<OverviewPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=overview-connection]").Select(e => e.GetAttribute("data-connection")).Should().Equal("LOJA-A", "LOJA-B"));
        var stock = Area(cut, "LOJA-A", "estoque");
        stock.QuerySelector("[data-testid=area-last-hour]")!.TextContent.Should().Contain("7").And.Contain("2 com erro");
        stock.QuerySelector("[data-testid=area-24h]")!.TextContent.Should().Contain("17");
        stock.QuerySelector("[data-testid=area-unresolved] a")!.GetAttribute("href").Should().Be("mensagens?conexao=LOJA-A&area=estoque&situacao=erro");
        Area(cut, "LOJA-A", "precos").QuerySelector("[data-testid=area-unresolved]")!.TextContent.Trim().Should().Be("3");
        Area(cut, "LOJA-B", "estoque").QuerySelector("[data-testid=area-24h]")!.TextContent.Trim().Should().Be("0");
        Connection(cut, "LOJA-B").QuerySelector("[data-stage=InErp]")!.TextContent.Should().Contain("Pedido no ERP: 2");
        Connection(cut, "LOJA-B").QuerySelector("[data-stage=Invoiced]").Should().BeNull("a final stage is not waiting");

        // 25 hourly cells, each linking into the grid for its hour (São Paulo time, UTC−3).
        var cells = Connection(cut, "LOJA-A").QuerySelectorAll("[data-testid=hour-link]");
        cells.Should().HaveCount(25);
        cells[^2].GetAttribute("href").Should().Be("mensagens?conexao=LOJA-A&de=2024-03-07T18%3A00&ate=2024-03-07T19%3A00");
        cells[^2].GetAttribute("title").Should().Be("07/03/2024 18:00: 5 processadas, 5 com erro");
        Connection(cut, "LOJA-A").QuerySelector("[data-testid=chart] svg").Should().NotBeNull("a MudBlazor chart is drawn");
    }

    [Fact]
    public async Task ABarClick_LandsOnTheGrid_WithTheConnectionAreaSituationAndWindow()
    {
        await RecordAsync("LOJA-A", 14, ok: 1, failed: 1, at: Now.AddMinutes(-30));
        var cut = Render<OverviewPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=chart]").Should().HaveCount(2));

        // Pick the stock area on LOJA-A's chart, then click the failed series.
        Connection(cut, "LOJA-A").QuerySelectorAll("[data-testid=chart-area] .mud-chip")
            .Single(c => c.TextContent.Contains("Estoque", StringComparison.Ordinal)).Click();
        await cut.InvokeAsync(() => cut.Instance.OnBarClicked("LOJA-A", 1));

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        uri.Should().EndWith("mensagens?conexao=LOJA-A&area=estoque&situacao=erro&de=2024-03-06T19%3A00");
        var query = GridQuery.Parse(uri);
        query.ToFilter(Now).Diagrams.Should().BeEquivalentTo([13, 14, 15, 16]);
        query.ToFilter(Now).Situations.Should().Equal(MessageSituation.Failed);
    }

    private static AngleSharp.Dom.IElement Connection(IRenderedComponent<OverviewPage> cut, string connection) =>
        cut.Find($"[data-testid=overview-connection][data-connection='{connection}']");

    private static AngleSharp.Dom.IElement Area(IRenderedComponent<OverviewPage> cut, string connection, string area) =>
        Connection(cut, connection).QuerySelector($"[data-testid=overview-area][data-area='{area}']")!;

    private async Task RecordAsync(string connection, int diagram, int ok, int failed, DateTime at)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(at));
        await using var recorder = new MessageRecorder(Database.Factory, clock, connection, diagram, Guid.NewGuid(), "scheduler");
        for (var i = 0; i < ok + failed; i++)
        {
            await recorder.RecordAsync(i < ok ? ItemResult.Ok("UPDATE OK", $"SKU-{i}", "{}") : ItemResult.Fail("UPDATE SKU", $"SKU-{i}", "{}", "recusado"), default);
        }

        await recorder.FlushAsync(default);
    }
}
