using Bunit;
using IpaasMonitor.Connectors;
using IpaasMonitor.Connectors.Health;
using IpaasMonitor.Web.Components.Layout;
using IpaasMonitor.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IpaasMonitor.Web.Tests.Components.Layout;

/// <summary>The app bar's indicator: nothing while every API is well, a link to /saude once one is degraded.</summary>
public sealed class ConnectionHealthIndicatorTests : MonitorTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.Configure<IpaasMonitorOptions>(o => o.Connections.Add(ValidConnection("LOJA-A")));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void AppearsWhenAnApisLatestCallFailed_AndGoesWhenItSucceedsAgain()
    {
        var health = Services.GetRequiredService<ConnectionHealth>();
        health.Record("LOJA-A", ConnectorApi.VtexOms, TimeSpan.FromMilliseconds(40), 200, null);
        var cut = Render<ConnectionHealthIndicator>();
        cut.FindAll("[data-testid=health-indicator]").Should().BeEmpty();

        Clock.Advance(TimeSpan.FromSeconds(1));
        health.Record("LOJA-A", ConnectorApi.VtexOms, TimeSpan.FromMilliseconds(900), 503, null);
        Clock.Advance(ConnectionHealthIndicator.RefreshInterval);

        cut.WaitForAssertion(() => cut.Find("[data-testid=health-indicator]").TextContent.Should().Contain("Conexões degradadas: 1"));
        cut.Find("[data-testid=health-indicator]").GetAttribute("href").Should().Be("saude");

        Clock.Advance(TimeSpan.FromSeconds(1));
        health.Record("LOJA-A", ConnectorApi.VtexOms, TimeSpan.FromMilliseconds(40), 200, null);
        Clock.Advance(ConnectionHealthIndicator.RefreshInterval);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=health-indicator]").Should().BeEmpty());
    }
}
