namespace IpaasMonitor.Sandbox;

/// <summary>
/// Runs the sandbox alone (benchmarks, multi-node tests): <c>dotnet run --project src/IpaasMonitor.Sandbox</c>.
/// Listens on http://127.0.0.1:5290 unless --urls / ASPNETCORE_URLS says otherwise. Settings come from the
/// "Sandbox" configuration section (e.g. <c>--Sandbox:Seed=7 --Sandbox:BrandCount=100</c>); see <see cref="SandboxOptions"/>.
/// </summary>
public static class SandboxProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5290");
        }

        // Alone, the sandbox answers like the real systems unless told otherwise (--Sandbox:Latency:Enabled=false).
        var options = new SandboxOptions();
        options.Latency.Enabled = true;
        options.RateLimits.Enabled = true;
        builder.Configuration.GetSection("Sandbox").Bind(options);
        builder.Services.AddSandbox(options);

        var app = builder.Build();
        app.MapGet("/", () => "IpaasMonitor sandbox: erp/{tenant}/api/totvsmoda/…, vtex/{account}/api/…, vtex-pricing/{account}/pricing/…, _sandbox/inspect");
        app.MapSandbox();
        await app.RunAsync();
    }
}
