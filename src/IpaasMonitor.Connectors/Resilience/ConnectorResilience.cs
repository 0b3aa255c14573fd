using System.Net;
using System.Threading.RateLimiting;
using IpaasMonitor.Connectors.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace IpaasMonitor.Connectors.Resilience;

/// <summary>
/// The one resilience setup of every connector HttpClient (Microsoft.Extensions.Http.Resilience, Polly v8).
/// Strategies, outermost first:
/// <list type="number">
/// <item>total timeout: bounds the call with all its retries and waits;</item>
/// <item>retry: exponential back-off with jitter; a Retry-After (seconds or HTTP date) on any response is used
/// as the delay. 429 is always retried (VTEX: "not processed"); 5xx, 408, 423, timeouts and connection failures
/// only when the request is safe to repeat (<see cref="ConnectorRequestOptions.IsSafeToRepeat"/>);</item>
/// <item>circuit breaker: opens on a high share of 5xx/408/timeouts/connection failures; while open, calls fail
/// fast without reaching the server (429 does not count: it is back-pressure, handled by the retry);</item>
/// <item>rate limiter: token bucket per connection and system (permits per second from the system profile, or the
/// connection's own <c>PermitsPerSecond</c>); every attempt, retries included, takes a permit;</item>
/// <item>attempt timeout.</item>
/// </list>
/// Settings come from <see cref="ConnectorResilienceOptions"/> ("IpaasMonitor:Resilience").
/// </summary>
public static class ConnectorResilience
{
    public const string PipelineName = "connector";

    /// <summary>Adds the connector pipeline to a per-connection client of <paramref name="system"/>.</summary>
    public static IHttpClientBuilder AddConnectorResilience(this IHttpClientBuilder builder, ConnectorSystem system, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var options = services.GetRequiredService<IOptions<IpaasMonitorOptions>>().Value;
            var profile = options.Resilience.For(system);
            var connection = options.Connections.FirstOrDefault(c => string.Equals(c.Id, connectionId, StringComparison.Ordinal));
            var permitsPerSecond = PermitsOverride(connection, system) ?? profile.PermitsPerSecond;
            var breakers = services.GetRequiredService<ConnectorCircuitBreakers>();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorResilience).FullName!);
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            Configure(pipeline, profile, permitsPerSecond, breakers, time, system, connectionId, logger, context);
        });
        return builder;
    }

    private static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        ResilienceProfileOptions profile,
        double permitsPerSecond,
        ConnectorCircuitBreakers breakers,
        TimeProvider time,
        ConnectorSystem system,
        string connectionId,
        ILogger logger,
        ResilienceHandlerContext context)
    {
        pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = profile.TotalTimeout });

        if (profile.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = profile.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = profile.UseJitter,
                Delay = profile.BaseDelay,
                MaxDelay = profile.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), profile)),
                DelayGenerator = args => ValueTask.FromResult(ConnectorHttp.GetRetryAfter(args.Outcome.Result, TimeProvider.System)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Retrying {ExternalSystem} call for connection {ConnectionId} ({Outcome}), attempt {Attempt}, after {Delay}",
                        system, connectionId, Describe(args.Outcome), args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = profile.BreakerFailureRatio,
            MinimumThroughput = profile.BreakerMinimumThroughput,
            SamplingDuration = profile.BreakerSamplingDuration,
            BreakDuration = profile.BreakDuration,
            StateProvider = breakers.Register(system, connectionId),
            ShouldHandle = args => ValueTask.FromResult(IsServerFailure(args.Outcome)),
            OnOpened = args =>
            {
                breakers.Opened(system, connectionId, time.GetUtcNow().UtcDateTime);
                logger.LogError(
                    "Circuit opened for {ExternalSystem} connection {ConnectionId} for {BreakDuration} ({Outcome})",
                    system, connectionId, args.BreakDuration, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                breakers.Closed(system, connectionId);
                logger.LogInformation("Circuit closed for {ExternalSystem} connection {ConnectionId}", system, connectionId);
                return ValueTask.CompletedTask;
            },
        });

        if (permitsPerSecond > 0)
        {
            var limiter = CreateRateLimiter(profile, permitsPerSecond);
            context.OnPipelineDisposed(limiter.Dispose);
            pipeline.AddRateLimiter(limiter);
        }

        pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = profile.AttemptTimeout });
    }

    /// <summary>
    /// Token bucket refilled in small steps (at least 50 ms apart) so permits flow evenly through the second.
    /// </summary>
    private static TokenBucketRateLimiter CreateRateLimiter(ResilienceProfileOptions profile, double permits)
    {
        var tokensPerPeriod = Math.Max(1, (int)Math.Ceiling(permits / 20.0));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = profile.Burst > 0 ? profile.Burst : Math.Max(1, (int)Math.Ceiling(permits)),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / permits),
            QueueLimit = profile.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private static int? PermitsOverride(ConnectionOptions? connection, ConnectorSystem system) => system switch
    {
        ConnectorSystem.Erp => connection?.Erp.PermitsPerSecond,
        ConnectorSystem.Vtex => connection?.Vtex.PermitsPerSecond,
        ConnectorSystem.VtexPricing => connection?.Vtex.PricingPermitsPerSecond,
        _ => null,
    };

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, ResilienceProfileOptions profile)
    {
        if (outcome.Result is { } response)
        {
            var retryAfter = ConnectorHttp.GetRetryAfter(response, TimeProvider.System);
            if (retryAfter > profile.MaxRetryAfter)
            {
                return false;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return true;
            }
        }

        return ConnectorRequestOptions.IsSafeToRepeat(request) && IsTransientFailure(outcome);
    }

    private static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode is HttpStatusCode.Locked or HttpStatusCode.TooManyRequests || IsServerFailure(outcome);

    private static bool IsServerFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? $"HTTP {(int)response.StatusCode}"
            : outcome.Exception?.GetType().Name ?? "unknown";
}
