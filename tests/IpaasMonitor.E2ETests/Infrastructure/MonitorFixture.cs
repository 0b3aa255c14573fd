using IpaasMonitor.Data.Entities;
using IpaasMonitor.Sandbox.Erp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IpaasMonitor.E2ETests.Infrastructure;

/// <summary>
/// One app and one browser for the whole suite. The app starts empty; brands 01 then 02 run once for both
/// connections, which leaves real messages: processed ones, and the sandbox's built-in failures (the blank brand
/// name in 01, VTEX's 400 for the over-long name in 02). Tests open their own browser context (own cookies).
/// </summary>
public sealed class MonitorFixture : IAsyncLifetime
{
    /// <summary>Generous: two cores shared with other builds; Blazor Server round trips can be slow under load.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private IPlaywright? playwright;
    private IBrowser? browser;

    public MonitorServer Server { get; } = new();

    /// <summary>The 02 message VTEX rejected (brand name over 50 characters): stays Failed whatever the tests do.</summary>
    public IntegrationMessage RejectedBrand { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Server.Start();
        foreach (var connection in new[] { MonitorServer.FirstConnection, MonitorServer.SecondConnection })
        {
            await Server.RunAsync(connection, 1);
            await Server.RunAsync(connection, 2);
        }

        var longName = ErpTenant.InvalidLongNameCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RejectedBrand = await Server.DbAsync(db => db.Messages.AsNoTracking().Include(m => m.Payload).SingleAsync(m =>
            m.ConnectionId == MonitorServer.FirstConnection && m.Diagram == 2 && m.BusinessKey == longName && m.Situation == MessageSituation.Failed));

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium: never `playwright install` (it downloads browsers, which this machine cannot).
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh, signed-out browser context and page; screenshots go to the output folder if the test fails.</summary>
    public async Task<BrowserSession> OpenAsync([System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        var context = await (browser ?? throw new InvalidOperationException("The browser has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            Locale = "pt-BR",
            // Dates are formatted on the server in São Paulo time; a UTC browser proves the page does not depend on it.
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)(Timeout.TotalMilliseconds * 2));
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, Server.BaseAddress, testName);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
