namespace IpaasMonitor.Web.Alerts;

/// <summary>
/// The "Alerts" settings (ADR-022): the evaluator and delivery jobs, the language of alert texts, the notification
/// channels (SMTP server, named webhooks) and the recipients the default rules are seeded with. Secrets (the SMTP
/// password, the webhook URLs, which carry their own token) come from configuration or the environment and are masked
/// in every log line (<see cref="Security.SecretMaskingFormatter"/>); the database stores only webhook names.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Register the evaluator and the delivery job as recurring jobs (every minute), with the other recurring jobs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Language of alert summaries and notification texts: <c>pt-BR</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "pt-BR";

    /// <summary>The monitor's public address, for the link in notifications (e.g. <c>https://monitor.example.com/</c>); none when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Webhook name → incoming-webhook URL (Teams or Slack: both accept a JSON body with <c>text</c>).</summary>
    public Dictionary<string, string> Webhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the default rules are seeded with, on the first start only.</summary>
    public AlertDefaultsOptions Defaults { get; set; } = new();

    /// <summary>Tries of one notification before it is given up (Failed).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed try; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Bound of one SMTP conversation or one webhook call.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before try <paramref name="failedAttempts"/> + 1: 1, 2, 4, 8… minutes, capped.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}

/// <summary>The SMTP server alert e-mails go through. E-mail is off while <see cref="Host"/> is empty.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>Auto</c> (STARTTLS when offered), <c>None</c>, <c>StartTls</c> (required) or <c>SslOnConnect</c> (port 465).</summary>
    public string Security { get; set; } = "Auto";

    public string From { get; set; } = "ipaasmonitor@localhost";

    /// <summary>Sign in with these when set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }
}

/// <summary>Channels the default rules get when they are seeded.</summary>
public sealed class AlertDefaultsOptions
{
    /// <summary>E-mail recipients of the default rules (comma-separated); none by default.</summary>
    public string? EmailTo { get; set; }

    /// <summary>Webhook names (of <see cref="AlertOptions.Webhooks"/>) of the default rules; none by default.</summary>
    public string? Webhooks { get; set; }
}
