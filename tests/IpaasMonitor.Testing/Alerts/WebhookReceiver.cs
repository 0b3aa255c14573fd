using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpaasMonitor.Testing.Alerts;

/// <summary>
/// A real HTTP receiver for webhooks: Kestrel on 127.0.0.1 and a free port, in process. It keeps every body posted to
/// <c>/hook</c>, and answers 503 to the next <see cref="FailNext"/> posts (a channel that is down).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> bodies = new();
    private readonly ConcurrentQueue<long?> contentLengths = new();
    private int failNext;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";

    /// <summary>The bodies of the posts answered 2xx, in arrival order.</summary>
    public IReadOnlyList<string> Bodies => [.. bodies];

    /// <summary>The Content-Length header of each post answered 2xx (null when the body came chunked), in arrival order.</summary>
    public IReadOnlyList<long?> ContentLengths => [.. contentLengths];

    /// <summary>Posts answered 503 so far.</summary>
    public int Refused { get; private set; }

    public int FailNext
    {
        get => Volatile.Read(ref failNext);
        set => Volatile.Write(ref failNext, value);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            if (Interlocked.Decrement(ref receiver.failNext) >= 0)
            {
                receiver.Refused++;
                return Results.StatusCode(503);
            }

            Interlocked.Exchange(ref receiver.failNext, 0);
            using var reader = new StreamReader(context.Request.Body);
            receiver.contentLengths.Enqueue(context.Request.ContentLength);
            receiver.bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> bodies arrived; fails with what arrived on time-out.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (bodies.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} webhook post(s), got {bodies.Count}: {string.Join(" | ", bodies)}");
            }

            await Task.Delay(100);
        }

        return Bodies;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
