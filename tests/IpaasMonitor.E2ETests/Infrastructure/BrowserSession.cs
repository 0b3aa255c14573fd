using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IpaasMonitor.E2ETests.Infrastructure;

/// <summary>
/// One test's browser context. <see cref="RunAsync"/> runs the steps; if one fails, it saves full-page screenshots
/// of the page in view and of the last grid and detail pages the test saw into the test output folder, and fails
/// with their paths (and any browser errors) in the message. Nothing is written when the test passes.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly string testName;
    private readonly List<string> browserErrors = [];

    internal BrowserSession(IBrowserContext context, IPage page, Uri baseAddress, string testName)
    {
        this.context = context;
        this.testName = testName;
        Page = page;
        BaseAddress = baseAddress;
        page.PageError += (_, error) => browserErrors.Add(error);
        page.Console += (_, message) =>
        {
            // Failed requests are listed with their address by the Response handler below.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                browserErrors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            // The app has no favicon: its 401 (signed out) and 404 are noise.
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                browserErrors.Add($"HTTP {response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "playwright-failures");

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    /// <summary>The last grid URL seen (set by the grid page object), screenshotted if the test fails.</summary>
    public string? LastGridUrl { get; set; }

    /// <summary>The last detail URL seen (set by the detail page object), screenshotted if the test fails.</summary>
    public string? LastDetailUrl { get; set; }

    /// <summary>Blazor shows #blazor-error-ui on an unhandled exception in the circuit: it must stay hidden.</summary>
    public async Task ExpectNoBlazorErrorAsync() => await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

    /// <summary>
    /// Waits until the Blazor circuit has rendered the page: the prerendered HTML looks the same but ignores clicks.
    /// </summary>
    public async Task WaitUntilInteractiveAsync() =>
        await Expect(Page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");

    public async Task RunAsync(Func<Task> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        try
        {
            await steps();
            await ExpectNoBlazorErrorAsync();
        }
        catch (Exception failure) when (failure is not BrowserTestFailureException)
        {
            var saved = await SaveScreenshotsAsync();
            var errors = browserErrors.Count == 0 ? "" : $"{Environment.NewLine}Browser errors:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", browserErrors)}";
            throw new BrowserTestFailureException(
                $"{failure.Message}{Environment.NewLine}Page: {Page.Url}{Environment.NewLine}Screenshots:{Environment.NewLine}  " +
                $"{(saved.Count == 0 ? "(none could be taken)" : string.Join(Environment.NewLine + "  ", saved))}{errors}",
                failure);
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    private async Task<List<string>> SaveScreenshotsAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var saved = new List<string>();
        var current = Page.Url;
        var visited = new[] { ("grid", LastGridUrl), ("detail", LastDetailUrl) };
        var currentKind = visited.FirstOrDefault(v => v.Item2 == current).Item1 ?? "current";
        await TryAsync(async () => saved.Add(await ShotAsync(Page, $"{testName}-{stamp}-{currentKind}.png")));
        foreach (var (kind, url) in visited.Where(v => v.Item2 is not null && v.Item2 != current))
        {
            // The same signed-in context in a new tab, so the page in view stays as it failed.
            await TryAsync(async () =>
            {
                var tab = await context.NewPageAsync();
                try
                {
                    await tab.GotoAsync(url!, new PageGotoOptions { Timeout = 20_000 });
                    await TryAsync(async () =>
                        await Expect(tab.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 20_000 }));
                    saved.Add(await ShotAsync(tab, $"{testName}-{stamp}-{kind}.png"));
                }
                finally
                {
                    await tab.CloseAsync();
                }
            });
        }

        return saved;
    }

    private static async Task<string> ShotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(ScreenshotFolder, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 20_000 });
        return path;
    }

    /// <summary>Screenshots are best effort: a failure to take one must not hide the test's own failure.</summary>
    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Nothing more to save.
        }
    }
}
