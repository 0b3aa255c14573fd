using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Testing.Http;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) that a test programs per route and that records every
/// request it receives, with its arrival time. Routes are matched on method and exact path (no query). A route
/// given several responses answers them in order and then repeats the last. Unknown routes answer 404.
/// </summary>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentDictionary<(string Method, string Path), Route> routes = new();
    private int sequence;

    private FakeServer(WebApplication app) => this.app = app;

    /// <summary>Root address with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests.OrderBy(r => r.Sequence)];

    public static async Task<FakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with the responses in order, then the last one again.</summary>
    public FakeServer On(string method, string path, params FakeResponse[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responses.Length);
        var queue = new ConcurrentQueue<FakeResponse>(responses);
        var last = responses[^1];
        return On(method, path, _ => queue.TryDequeue(out var next) ? next : last);
    }

    /// <summary>Answers with whatever <paramref name="handler"/> returns for each request.</summary>
    public FakeServer On(string method, string path, Func<RecordedRequest, FakeResponse> handler)
    {
        routes[(method.ToUpperInvariant(), path)] = new Route(handler);
        return this;
    }

    /// <summary>Requests received on one route.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        [.. Requests.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var elapsed = clock.Elapsed;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var recorded = new RecordedRequest(
            Interlocked.Increment(ref sequence),
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            elapsed);
        requests.Enqueue(recorded);

        var response = routes.TryGetValue((recorded.Method.ToUpperInvariant(), recorded.Path), out var route)
            ? route.Handler(recorded)
            : FakeResponse.Raw($"no fake route for {recorded.Method} {recorded.Path}", 404, "text/plain");

        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private sealed record Route(Func<RecordedRequest, FakeResponse> Handler);
}
