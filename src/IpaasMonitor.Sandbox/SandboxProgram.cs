namespace IpaasMonitor.Sandbox;

/// <summary>Runs the sandbox alone (benchmarks, multi-node tests): <c>dotnet run --project src/IpaasMonitor.Sandbox</c>.</summary>
public static class SandboxProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "IpaasMonitor sandbox");
        await app.RunAsync();
    }
}
