using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace IpaasMonitor.Bench;

/// <summary>
/// N real browser sessions (one headless Chromium, one context per session: own cookies, own Blazor circuit over
/// SignalR) on the running app. Each session signs in through the login form, opens one of the grid's URL views,
/// waits for the interactive circuit, switches live refresh on (the grid re-queries every 10 s inside the circuit),
/// stays 15–30 s, and moves to another view. Measured per view: time to the grid on screen (server prerender) and to
/// an interactive page (circuit up, interactive load done). The server's CPU and memory are sampled from /proc.
/// </summary>
internal static class BrowserLoadRun
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

    public static async Task RunAsync(Uri baseUrl, int sessions, TimeSpan duration, int serverPid, DateTime storeEndUtc, StringBuilder report)
    {
        var views = LoadRun.Views(storeEndUtc);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });

        var pages = new List<IPage>();
        var signIn = Stopwatch.StartNew();
        for (var s = 0; s < sessions; s++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), Locale = "pt-BR" });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/conta/entrar");
            await page.GetByLabel("E-mail").FillAsync(Environment.GetEnvironmentVariable("BENCH_USER") ?? "viewer@ipaasmonitor.local");
            await page.GetByLabel("Senha").FillAsync(Environment.GetEnvironmentVariable("BENCH_PASSWORD") ?? "Viewer#2026");
            await page.GetByTestId("login-submit").ClickAsync();
            await page.GetByTestId("current-user").WaitForAsync();
            pages.Add(page);
        }

        Console.WriteLine($"  {sessions} browser sessions signed in ({signIn.Elapsed.TotalSeconds:N0} s)");
        var rendered = new Samples();
        var interactive = new Samples();
        var refreshes = 0;
        var errors = new List<string>();
        var gate = new object();
        var stop = DateTime.UtcNow + duration;
        var server = new LoadRun.ServerSampler(serverPid);
        var sampling = server.RunAsync(stop);
        var tasks = pages.Select(async (page, s) =>
        {
            var random = new Random(s);
            await Task.Delay(random.Next(0, 5_000));
            while (DateTime.UtcNow < stop)
            {
                var view = views[random.Next(views.Count)];
                try
                {
                    var watch = Stopwatch.StartNew();
                    await page.GotoAsync(view, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                    await page.GetByTestId("message-grid").WaitForAsync();
                    var toGrid = watch.Elapsed;
                    await page.Locator("[data-interactive='true']").WaitForAsync();
                    var toInteractive = watch.Elapsed;
                    await page.Locator("input[data-testid=live-refresh], [data-testid=live-refresh] input").CheckAsync();
                    var before = await page.GetByTestId("last-refresh").TextContentAsync();
                    lock (gate)
                    {
                        rendered.Add(toGrid);
                        interactive.Add(toInteractive);
                    }

                    // Stay on the view while live refresh runs; count the refreshes the circuit pushed.
                    var stay = TimeSpan.FromMilliseconds(random.Next(15_000, 30_000));
                    var until = DateTime.UtcNow + (stay < stop - DateTime.UtcNow ? stay : stop - DateTime.UtcNow);
                    var last = before;
                    while (DateTime.UtcNow < until)
                    {
                        await Task.Delay(2_000);
                        var now = await page.GetByTestId("last-refresh").TextContentAsync();
                        if (now != last)
                        {
                            Interlocked.Increment(ref refreshes);
                            last = now;
                        }
                    }
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    lock (gate)
                    {
                        errors.Add($"{view}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        });
        await Task.WhenAll(tasks);
        await sampling;

        report.AppendLine(CultureInfo.InvariantCulture, $"## Load: {sessions} browser sessions (Chromium, live refresh on) for {duration.TotalSeconds:N0} s");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"One headless Chromium on the same machine (it competes with the server for the 2 cores), one context per session " +
            $"(own cookies and Blazor circuit). Each session opens one of {views.Count} grid URL views, waits for the circuit, switches live " +
            $"refresh on (re-query every 10 s), stays 15–30 s, then moves on. Load average at the end: {Load.Describe()}.");
        report.AppendLine();
        report.AppendLine("| Views opened | grid on screen p50 / p95 ms | interactive p50 / p95 ms | live refreshes seen | errors | server CPU avg / max (of 2 cores) | server memory (RSS) max |");
        report.AppendLine("|---:|---|---|---:|---:|---|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {rendered.Count:N0} | {rendered.P50:N0} / **{rendered.P95:N0}** | {interactive.P50:N0} / **{interactive.P95:N0}** | {refreshes:N0} | {errors.Count} | " +
            $"{server.AverageCpuPercent:N0}% / {server.MaxCpuPercent:N0}% | **{server.MaxRssMegabytes:N0} MB** |");
        report.AppendLine();
        foreach (var error in errors.Distinct().Take(5))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- error: {error}");
        }

        report.AppendLine();
    }
}
