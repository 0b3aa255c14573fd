using System.Globalization;
using System.Threading.RateLimiting;
using IpaasMonitor.Web.Hosting;

namespace IpaasMonitor.Web.Security;

/// <summary>The "Auth:SignInLimit" section: sign-in attempts allowed per client address and per account, per window.</summary>
public sealed class SignInLimitOptions
{
    /// <summary>Attempts per client address per window (an office behind one NAT shares it: keep it generous).</summary>
    public int PerAddressPermits { get; set; } = 20;

    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Attempts per account (the e-mail as typed, case and spaces ignored) per window, from any address. Above the
    /// lockout's failures on purpose: the lockout protects real accounts; this also bounds guesses at unknown ones.
    /// </summary>
    public int PerAccountPermits { get; set; } = 10;

    public TimeSpan PerAccountWindow { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Sign-in posts (POST /conta/entrar) rate-limited with ASP.NET Core rate limiting: a chain of two fixed-window
/// partitioned limiters, one keyed by client address and one by account. Every attempt counts (a successful one
/// ends the need to retry). Over the limit the post answers 429 with a readable page and Retry-After, before any
/// password check, audit or log of the attempt.
/// </summary>
public static class SignInRateLimit
{
    private const string AccountItem = "IpaasMonitor.SignInAccount";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, SignInLimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(limits.PerAddressPermits, limits.PerAddressWindow))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context) && context.Items[AccountItem] is string account
                    ? RateLimitPartition.GetFixedWindowLimiter("account:" + account, _ => Window(limits.PerAccountPermits, limits.PerAccountWindow))
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Max(limits.PerAddressWindow, limits.PerAccountWindow);
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit).FullName!)
                    .LogWarning("Sign-in attempts over the limit from {ClientAddress}; refused for {RetryAfterSeconds} s", context.Connection.RemoteIpAddress?.ToString() ?? "unknown", (int)retryAfter.TotalSeconds);
                await ErrorPages.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Error.TooManySignIns", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes)));
            };
        });
        return services;
    }

    /// <summary>Reads the sign-in form's account (the limiter's partition needs it synchronously), then limits.</summary>
    public static IApplicationBuilder UseSignInRateLimit(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && context.Request.HasFormContentType)
            {
                try
                {
                    var form = await context.Request.ReadFormAsync(context.RequestAborted);
                    context.Items[AccountItem] = AccountKey(form["Input.Email"].ToString());
                }
                catch (Exception e) when (e is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
                {
                    // A body over the form limits, or a broken multipart body: nothing to sign in with.
                    await ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, "Error.BadForm");
                    return;
                }
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    /// <summary>The account an attempt counts against: the e-mail trimmed, upper-case, cut to its limit.</summary>
    public static string AccountKey(string? email) =>
        InputLimits.Cut((email ?? "").Trim().ToUpperInvariant(), InputLimits.Email)!;

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SecurityExtensions.LoginPath, StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = window > TimeSpan.Zero ? window : TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
