using System.Globalization;
using IpaasMonitor.Connectors.Resilience;
using Microsoft.Extensions.Options;

namespace IpaasMonitor.Connectors;

/// <summary>
/// Start-up validation of the "IpaasMonitor" section. Every message names the exact setting and the connection, e.g.
/// "IpaasMonitor:Connections:0:Erp:BaseAddress is required (connection 'loja-a')". Secret values are never echoed.
/// </summary>
public sealed class IpaasMonitorOptionsValidator : IValidateOptions<IpaasMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, IpaasMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Connections.Count; i++)
        {
            ValidateConnection(options.Connections[i], $"{IpaasMonitorOptions.SectionName}:Connections:{i}", ids, errors);
        }

        ValidateProfile(options.Resilience.Erp, $"{ConnectorResilienceOptions.SectionName}:Erp", errors);
        ValidateProfile(options.Resilience.Vtex, $"{ConnectorResilienceOptions.SectionName}:Vtex", errors);
        ValidateProfile(options.Resilience.VtexPricing, $"{ConnectorResilienceOptions.SectionName}:VtexPricing", errors);
        ValidateStepRetry(options.Resilience.StepRetry, $"{ConnectorResilienceOptions.SectionName}:StepRetry", errors);
        var concurrency = options.Concurrency;
        if (concurrency.MinLimit < 1 || concurrency.MaxLimit < concurrency.MinLimit || concurrency.FixedLimit < 1)
        {
            errors.Add($"{Concurrency.AdaptiveConcurrencyOptions.SectionName}: MinLimit and FixedLimit must be at least 1 and MaxLimit at least MinLimit");
        }

        if (concurrency.ThrottledRatio is <= 0 or >= 1 || concurrency.SlowdownRatio is <= 0 or >= 1)
        {
            errors.Add($"{Concurrency.AdaptiveConcurrencyOptions.SectionName}: ThrottledRatio and SlowdownRatio must be between 0 and 1");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateConnection(ConnectionOptions connection, string key, HashSet<string> ids, List<string> errors)
    {
        var id = connection.Id;
        var suffix = string.IsNullOrWhiteSpace(id) ? "" : $" (connection '{id}')";
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add($"{key}:Id is required");
        }
        else if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9_-]{1,64}$"))
        {
            errors.Add($"{key}:Id must be 1 to 64 letters, digits, '-' or '_'{suffix}");
        }
        else if (!ids.Add(id))
        {
            errors.Add($"{key}:Id '{id}' is used by another connection");
        }

        var erp = connection.Erp;
        RequireUrl(erp.BaseAddress, $"{key}:Erp:BaseAddress", suffix, errors, required: true);
        Require(erp.ClientId, $"{key}:Erp:ClientId", suffix, errors);
        Require(erp.ClientSecret, $"{key}:Erp:ClientSecret", suffix, errors);
        Require(erp.Username, $"{key}:Erp:Username", suffix, errors);
        Require(erp.Password, $"{key}:Erp:Password", suffix, errors);
        if (erp.PageSize is < 1 or > 100_000)
        {
            errors.Add($"{key}:Erp:PageSize must be between 1 and 100000{suffix}");
        }

        if (erp.PagingTimeLimit <= TimeSpan.Zero)
        {
            errors.Add($"{key}:Erp:PagingTimeLimit must be positive{suffix}");
        }

        if (erp.MaxPages < 1)
        {
            errors.Add($"{key}:Erp:MaxPages must be at least 1{suffix}");
        }

        if (erp.PermitsPerSecond < 0)
        {
            errors.Add($"{key}:Erp:PermitsPerSecond must not be negative{suffix}");
        }

        if (erp.TokenRefreshMargin < TimeSpan.Zero)
        {
            errors.Add($"{key}:Erp:TokenRefreshMargin must not be negative{suffix}");
        }

        var vtex = connection.Vtex;
        Require(vtex.Account, $"{key}:Vtex:Account", suffix, errors);
        RequireUrl(vtex.BaseAddress, $"{key}:Vtex:BaseAddress", suffix, errors, required: true);
        RequireUrl(vtex.PricingBaseAddress, $"{key}:Vtex:PricingBaseAddress", suffix, errors, required: false);
        Require(vtex.AppKey, $"{key}:Vtex:AppKey", suffix, errors);
        Require(vtex.AppToken, $"{key}:Vtex:AppToken", suffix, errors);
        if (vtex.PermitsPerSecond < 0 || vtex.PricingPermitsPerSecond < 0)
        {
            errors.Add($"{key}:Vtex:PermitsPerSecond and PricingPermitsPerSecond must not be negative{suffix}");
        }
    }

    private static void Require(string? value, string key, string suffix, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required{suffix}");
        }
    }

    private static void RequireUrl(string? value, string key, string suffix, List<string> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{key} is required{suffix}");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key} must be an absolute http(s) URL, got '{value}'{suffix}");
        }
    }

    private static void ValidateStepRetry(StepRetryOptions options, string key, List<string> errors)
    {
        foreach (var (name, profile) in new[]
        {
            ("Erp", options.Erp), ("VtexCatalog", options.VtexCatalog), ("VtexPricing", options.VtexPricing),
            ("VtexLogistics", options.VtexLogistics), ("VtexOms", options.VtexOms),
        })
        {
            if (profile.MaxRetries is < 0 or > 20)
            {
                errors.Add($"{key}:{name}:MaxRetries must be between 0 and 20");
            }

            if (profile.BaseDelay < TimeSpan.Zero || profile.BaseDelay > TimeSpan.FromMinutes(10))
            {
                errors.Add($"{key}:{name}:BaseDelay must be between 0 and 10 minutes");
            }

            if (profile.MaxDelay < profile.BaseDelay || profile.MaxDelay > TimeSpan.FromMinutes(10))
            {
                errors.Add($"{key}:{name}:MaxDelay must be between {key}:{name}:BaseDelay and 10 minutes");
            }
        }
    }

    private static void ValidateProfile(ResilienceProfileOptions profile, string key, List<string> errors)
    {
        // Ranges follow what Polly accepts, so a bad value fails at start rather than on the first request.
        CheckTimeout(profile.TotalTimeout, $"{key}:TotalTimeout", errors);
        CheckTimeout(profile.AttemptTimeout, $"{key}:AttemptTimeout", errors);
        if (profile.AttemptTimeout > profile.TotalTimeout)
        {
            errors.Add($"{key}:AttemptTimeout must not exceed {key}:TotalTimeout");
        }

        if (profile.MaxRetryAttempts is < 0 or > 100)
        {
            errors.Add($"{key}:MaxRetryAttempts must be between 0 and 100");
        }

        if (profile.BaseDelay < TimeSpan.Zero || profile.BaseDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"{key}:BaseDelay must be between 0 and 1 day");
        }

        if (profile.MaxDelay < profile.BaseDelay)
        {
            errors.Add($"{key}:MaxDelay must not be less than {key}:BaseDelay");
        }

        if (profile.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"{key}:MaxRetryAfter must not be negative");
        }

        if (profile.PermitsPerSecond < 0 || profile.Burst < 0 || profile.QueueLimit < 0)
        {
            errors.Add($"{key}:PermitsPerSecond, Burst and QueueLimit must not be negative");
        }

        if (profile.BreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"{key}:BreakerFailureRatio must be greater than 0 and at most 1");
        }

        if (profile.BreakerMinimumThroughput < 2)
        {
            errors.Add($"{key}:BreakerMinimumThroughput must be at least 2");
        }

        if (profile.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{key}:BreakerSamplingDuration must be at least 00:00:00.5");
        }

        if (profile.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{key}:BreakDuration must be at least 00:00:00.5");
        }
    }

    private static void CheckTimeout(TimeSpan value, string key, List<string> errors)
    {
        if (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromDays(1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between 00:00:00.01 and 1.00:00:00, got {value}"));
        }
    }
}
