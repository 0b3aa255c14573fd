using System.Collections.Concurrent;
using IpaasMonitor.Sandbox.Infrastructure;

namespace IpaasMonitor.Sandbox.Network;

/// <summary>What a limited request gets: allowed or not, and the values of the rate-limit headers.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds, int RetryAfterSeconds);

/// <summary>
/// The catalog and logistics limits of <see cref="SandboxRateLimitOptions"/>: one token bucket per (account, API,
/// method, route template) and one per (account, API). A request takes a token from both; when either is empty it
/// is refused with 429 and takes none.
/// </summary>
internal sealed class RouteRateLimits(SandboxRateLimitOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Scope, string Api, string Method, string Template), TokenBucket> routes = new();
    private readonly ConcurrentDictionary<(string Scope, string Api), TokenBucket> accounts = new();
    private readonly Lock gate = new();

    public bool Enabled { get; set; } = options.Enabled;

    /// <summary>Null when the route is not limited (another API, or limits off).</summary>
    public RateLimitDecision? Take(SandboxRoute route, string scope)
    {
        if (!Enabled || route.System != "vtex")
        {
            return null;
        }

        var (perRoute, perAccount) = route.Api switch
        {
            "catalog" => (options.CatalogPerRoutePerMinute, options.CatalogPerAccountPerMinute),
            "logistics" => (options.LogisticsPerRoutePerMinute, options.LogisticsPerAccountPerMinute),
            _ => (0d, 0d),
        };
        if (perRoute <= 0 && perAccount <= 0)
        {
            return null;
        }

        var routeBucket = perRoute > 0 ? routes.GetOrAdd((scope, route.Api, route.Method, route.Template), _ => Bucket(perRoute)) : null;
        var accountBucket = perAccount > 0 ? accounts.GetOrAdd((scope, route.Api), _ => Bucket(perAccount)) : null;

        // Both buckets change together, or neither does.
        lock (gate)
        {
            var routeState = routeBucket?.Peek();
            var accountState = accountBucket?.Peek();
            var refused = (routeState is { } r && r.Tokens < 1) || (accountState is { } a && a.Tokens < 1);
            if (refused)
            {
                var wait = Math.Max(routeBucket?.SecondsToOne() ?? 0, accountBucket?.SecondsToOne() ?? 0);
                var tighter = Tighter(routeBucket, accountBucket);
                return new RateLimitDecision(false, tighter.Limit, 0, tighter.SecondsToFull(), Math.Max(1, wait));
            }

            routeBucket?.TryTake(out _, out _);
            accountBucket?.TryTake(out _, out _);
            var bucket = Tighter(routeBucket, accountBucket);
            return new RateLimitDecision(true, bucket.Limit, (int)bucket.Peek().Tokens, bucket.SecondsToFull(), 0);
        }
    }

    public void Clear()
    {
        routes.Clear();
        accounts.Clear();
    }

    private TokenBucket Bucket(double perMinute)
    {
        var perSecond = perMinute / 60.0;
        return new TokenBucket(time, (int)Math.Max(1, Math.Round(perSecond * Math.Max(0.05, options.BurstSeconds))), perSecond);
    }

    /// <summary>The bucket with fewer tokens left (its headers are the ones that matter to the client).</summary>
    private static TokenBucket Tighter(TokenBucket? route, TokenBucket? account) =>
        route is null ? account! : account is null ? route : route.Peek().Tokens <= account.Peek().Tokens ? route : account;
}
